#include "generators/values.h"

#include <algorithm>
#include <limits>

namespace conform::gen {
namespace {

using spec::IntegerFormat;
using spec::ValueType;

constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

std::int64_t format_min(IntegerFormat f) {
  return f == IntegerFormat::kInt32 ? std::numeric_limits<std::int32_t>::min() : kInt64Min;
}
std::int64_t format_max(IntegerFormat f) {
  return f == IntegerFormat::kInt32 ? std::numeric_limits<std::int32_t>::max() : kInt64Max;
}

void add_unique(std::vector<std::string>& out, std::string value) {
  if (std::find(out.begin(), out.end(), value) == out.end())
    out.push_back(std::move(value));
}

bool condition_holds(const spec::Operation& op, const spec::ConditionalConstraint& c,
                     const spec::ParamMap& context) {
  const auto v = spec::effective_value(op, context, c.when.param);
  return v && *v == c.when.equals;
}

// The enum values allowed under `context`: the parameter's own, narrowed by conditional enums.
std::vector<std::string> enum_values(const spec::Operation& op, const spec::Parameter& param,
                                     const spec::ParamMap& context) {
  std::vector<std::string> out = param.enum_values;
  for (const auto& c : param.conditional) {
    if (c.enum_values.empty() || !condition_holds(op, c, context))
      continue;
    if (out.empty()) {
      out = c.enum_values;
    } else {
      std::erase_if(out, [&](const std::string& v) {
        return std::find(c.enum_values.begin(), c.enum_values.end(), v) == c.enum_values.end();
      });
    }
  }
  return out;
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

std::optional<IntegerRange> integer_range(const spec::Operation& op, const spec::Parameter& param,
                                          const spec::ParamMap& context) {
  if (param.type != ValueType::kInteger)
    return std::nullopt;
  IntegerRange r{std::max(param.minimum.value_or(kInt64Min), format_min(param.format)),
                 std::min(param.maximum.value_or(kInt64Max), format_max(param.format))};
  for (const auto& c : param.conditional) {
    if (!condition_holds(op, c, context))
      continue;
    r.lo = std::max(r.lo, c.minimum.value_or(kInt64Min));
    r.hi = std::min(r.hi, c.maximum.value_or(kInt64Max));
  }
  if (r.lo > r.hi)
    return std::nullopt;
  return r;
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

std::vector<std::string> valid_values(const spec::Operation& op, const Fixtures& fixtures,
                                      const spec::Parameter& param, const spec::ParamMap& context,
                                      std::string* why) {
  std::vector<std::string> out;
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
      if (const auto r = integer_range(op, param, context)) {
        add_unique(out, std::to_string(r->lo));
        add_unique(out, std::to_string(r->hi));
      }
      break;
    case ValueType::kString: {
      for (auto& v : enum_values(op, param, context))
        add_unique(out, std::move(v));
      if (!param.enum_values.empty() || param.pattern)
        break;
      if (param.min_length)
        add_unique(out, repeat(std::max<std::size_t>(*param.min_length, 1)));
      if (param.max_length)
        add_unique(out, repeat(*param.max_length));
      if (out.empty())
        add_unique(out, "conform");
      for (const auto& s : special_strings())
        add_unique(out, s);
      break;
    }
  }
  std::erase_if(out, [&](const std::string& v) {
    return spec::value_violation(op, param, v, context).has_value();
  });
  if (out.empty() && why)
    *why = "no value known to satisfy " + param.name + "'s constraints";
  return out;
}

std::vector<Mutation> mutations(const spec::Operation& op, const spec::Parameter& param) {
  (void)op;
  std::vector<Mutation> out;
  switch (param.type) {
    case ValueType::kInteger: {
      out.push_back({"abc", {}, "not an integer"});
      out.push_back({"1.5", {}, "not an integer"});
      out.push_back({"", {}, "empty"});
      out.push_back({"+1", {}, "explicit sign"});  // valid wire text: the engine drops it
      if (param.minimum && *param.minimum > kInt64Min)
        out.push_back({std::to_string(*param.minimum - 1), {}, "below minimum"});
      if (param.maximum && *param.maximum < kInt64Max)
        out.push_back({std::to_string(*param.maximum + 1), {}, "above maximum"});
      // Just past the format: the service cannot even parse it as its integer type.
      if (param.format == IntegerFormat::kInt32)
        out.push_back({"2147483648", {}, "beyond int32"});
      else
        out.push_back({"9223372036854775808", {}, "beyond int64"});
      for (const auto& c : param.conditional) {
        const std::vector<std::pair<std::string, std::string>> with = {
            {c.when.param, c.when.equals}};
        if (c.minimum && *c.minimum > kInt64Min)
          out.push_back({std::to_string(*c.minimum - 1), with, "below minimum under condition"});
        if (c.maximum && *c.maximum < kInt64Max)
          out.push_back({std::to_string(*c.maximum + 1), with, "above maximum under condition"});
      }
      break;
    }
    case ValueType::kBoolean:
      out.push_back({"yes", {}, "not a boolean"});
      out.push_back({"1", {}, "not a boolean"});
      out.push_back({"", {}, "empty"});
      break;
    case ValueType::kString:
      if (!param.enum_values.empty())
        out.push_back({"conform-unknown", {}, "unknown enum value"});
      for (const auto& c : param.conditional) {
        if (!c.enum_values.empty()) {
          out.push_back({"conform-unknown",
                         {{c.when.param, c.when.equals}},
                         "unknown enum value under condition"});
        }
      }
      if (param.max_length)
        out.push_back({repeat(*param.max_length + 1), {}, "too long"});
      if (param.min_length && *param.min_length > 0)
        out.push_back({repeat(*param.min_length - 1), {}, "too short"});
      if (param.pattern)
        out.push_back({"!", {}, "does not match the pattern"});
      break;
  }
  return out;
}

}  // namespace conform::gen
