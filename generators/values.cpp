#include "generators/values.h"

#include <algorithm>
#include <limits>

#include "core/spec/constraints.h"
#include "core/spec/open_readings.h"
#include "generators/styled_values.h"

namespace conform::gen {
namespace {

using spec::IntegerFormat;
using spec::ValueType;

constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

void add_unique(std::vector<std::string>& out, std::string value) {
  if (std::find(out.begin(), out.end(), value) == out.end())
    out.push_back(std::move(value));
}

std::string repeat(std::size_t n) {
  return std::string(n, 'a');
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values)
    out += (out.empty() ? "" : ", ") + v;
  return out;
}

}  // namespace

const spec::Resource* resource_of(const spec::Operation& op, std::string_view param) {
  for (const auto& rule : op.rules) {
    if ((rule.check == spec::Check::kExists || rule.check == spec::Check::kState) &&
        rule.param == param)
      return op.find_resource(rule.resource);
  }
  return nullptr;
}

std::optional<std::vector<std::string>> allowed_states(const spec::Operation& op,
                                                       std::string_view param) {
  std::optional<std::vector<std::string>> out;
  for (const auto& rule : op.rules) {
    if (rule.check != spec::Check::kState || rule.param != param)
      continue;
    if (!out) {
      out = rule.states;
    } else {
      std::erase_if(*out, [&](const std::string& s) {
        return std::find(rule.states.begin(), rule.states.end(), s) == rule.states.end();
      });
    }
  }
  return out;
}

const std::vector<std::string>& special_strings() {
  static const std::vector<std::string> kStrings = [] {
    std::vector<std::string> out = {"a b",
                                    "a*b",
                                    "a~b",
                                    "a+b",
                                    "a/b",
                                    "a&b",
                                    "a=b",
                                    "a%b",
                                    "a%20b",
                                    "\xF0\x9F\x98\x80",           // an emoji, outside the BMP
                                    "\xE4\xB8\xAD\xE6\x96\x87"};  // two CJK ideographs
    std::string all;
    for (const auto& s : out)
      all += s;
    out.push_back(all);
    return out;
  }();
  return kStrings;
}

std::optional<std::size_t> drawn_length_limit(const spec::Operation& op,
                                              const spec::Parameter& param) {
  auto limit = spec::conservative_limits(param).max_length;
  if (limit && op.idempotency && op.idempotency->token == param.name)
    limit = *limit > kTokenSuffixRoom ? *limit - kTokenSuffixRoom : 1;
  return limit;
}

std::vector<std::string> valid_values(const spec::Operation& op, const Fixtures& fixtures,
                                      const spec::Parameter& param, const spec::ParamMap& context,
                                      std::string* why) {
  std::vector<std::string> out;
  if (param.style)
    return styled_valid_values(param, why);
  if (const auto* resource = resource_of(op, param.name)) {
    const auto states = allowed_states(op, param.name);
    if (states) {
      for (const auto& s : *states) {
        for (auto& id : ids_in_state(op, fixtures, resource->name, s))
          add_unique(out, std::move(id));
      }
    } else {
      for (auto& id : existing_ids(fixtures, resource->name))
        add_unique(out, std::move(id));
    }
    if (out.empty() && why) {
      *why = states ? "no " + resource->name + " in state " + join(*states)
                    : "no " + resource->name + " in the fixtures";
    }
    return out;
  }
  if (auto it = fixtures.values.find(param.name); it != fixtures.values.end())
    add_unique(out, it->second);
  if (param.example)
    add_unique(out, *param.example);
  switch (param.type) {
    case ValueType::kBoolean:
      add_unique(out, "true");
      add_unique(out, "false");
      break;
    case ValueType::kInteger:
      if (const auto r = spec::integer_range(op, param, context)) {
        add_unique(out, std::to_string(r->lo));
        add_unique(out, std::to_string(r->hi));
      }
      break;
    case ValueType::kString: {
      for (auto& v : spec::allowed_values(op, param, context))
        add_unique(out, std::move(v));
      if (!param.enum_values.empty() || param.pattern)
        break;
      const auto length = spec::conservative_limits(param);
      if (length.min_length)
        add_unique(out, repeat(std::max<std::size_t>(*length.min_length, 1)));
      if (const auto longest = drawn_length_limit(op, param))
        add_unique(out, repeat(*longest));
      if (out.empty())
        add_unique(out, "conform");
      for (const auto& s : special_strings())
        add_unique(out, s);
      break;
    }
  }
  // A value some reading of the sources rejects is an observation, never a valid case.
  std::optional<std::string> open;
  std::erase_if(out, [&](const std::string& v) {
    if (spec::value_violation(op, param, v, context))
      return true;
    open = spec::open_reading(param, v);
    return open.has_value();
  });
  if (out.empty() && why)
    *why = open ? *open : "no value known to satisfy " + param.name + "'s constraints";
  return out;
}

std::vector<Mutation> mutations(const spec::Operation& op, const spec::Parameter& param) {
  (void)op;
  if (param.style)
    return styled_mutations(param);
  std::vector<Mutation> out;
  switch (param.type) {
    case ValueType::kInteger: {
      out.push_back({"abc", {}, "not an integer"});
      out.push_back({"1.5", {}, "not an integer"});
      out.push_back({"", {}, "empty"});
      out.push_back({"+1", {}, "explicit sign"});  // valid wire text: the engine drops it
      // Just past each declared boundary, under its condition when it has one.
      const auto past = [&](const spec::Boundary& b) {
        const bool minimum = b.end == spec::Boundary::End::kMinimum;
        if (b.value == (minimum ? kInt64Min : kInt64Max))
          return;
        std::vector<std::pair<std::string, std::string>> with;
        if (b.when)
          with.emplace_back(b.when->param, b.when->equals);
        out.push_back({std::to_string(minimum ? b.value - 1 : b.value + 1), with,
                       std::string(minimum ? "below minimum" : "above maximum") +
                           (b.when ? " under condition" : "")});
      };
      const auto bounds = spec::boundaries(param);
      for (const auto& b : bounds) {
        if (!b.when)
          past(b);
      }
      // Just past the format: the service cannot even parse it as its integer type.
      if (param.format == IntegerFormat::kInt32)
        out.push_back({"2147483648", {}, "beyond int32"});
      else
        out.push_back({"9223372036854775808", {}, "beyond int64"});
      for (const auto& b : bounds) {
        if (b.when)
          past(b);
      }
      break;
    }
    case ValueType::kBoolean:
      out.push_back({"yes", {}, "not a boolean"});
      out.push_back({"1", {}, "not a boolean"});
      out.push_back({"", {}, "empty"});
      break;
    case ValueType::kString: {
      for (const auto& declared : spec::declared_constraints(param)) {
        if (declared.enum_values.empty())
          continue;
        if (declared.when) {
          out.push_back({"conform-unknown",
                         {{declared.when->param, declared.when->equals}},
                         "unknown enum value under condition"});
        } else {
          out.push_back({"conform-unknown", {}, "unknown enum value"});
        }
      }
      const auto length = spec::length_limits(param);
      if (length.max)
        out.push_back({repeat(*length.max + 1), {}, "too long"});
      if (length.min && *length.min > 0)
        out.push_back({repeat(*length.min - 1), {}, "too short"});
      if (param.pattern)
        out.push_back({"!", {}, "does not match the pattern"});
      break;
    }
  }
  return out;
}

}  // namespace conform::gen
