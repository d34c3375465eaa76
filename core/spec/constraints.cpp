#include "core/spec/constraints.h"

#include <algorithm>
#include <limits>

namespace conform::spec {
namespace {

constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

// Lengths count code points as the declared limits do (see evaluate.cpp): continuation bytes of
// UTF-8 do not start one.
std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool same(const Condition& a, const Condition& b) {
  return a.param == b.param && a.equals == b.equals;
}

// The parameter's own range within its format's bounds, before any condition.
IntegerRange own_range(const Parameter& param) {
  const bool int32 = param.format == IntegerFormat::kInt32;
  const std::int64_t format_min = int32 ? std::numeric_limits<std::int32_t>::min() : kInt64Min;
  const std::int64_t format_max = int32 ? std::numeric_limits<std::int32_t>::max() : kInt64Max;
  return {std::max(param.minimum.value_or(kInt64Min), format_min),
          std::min(param.maximum.value_or(kInt64Max), format_max)};
}

IntegerRange narrowed(IntegerRange r, const ConditionalConstraint& c) {
  r.lo = std::max(r.lo, c.minimum.value_or(kInt64Min));
  r.hi = std::min(r.hi, c.maximum.value_or(kInt64Max));
  return r;
}

void add_bounds(std::vector<Boundary>& out, std::optional<std::int64_t> minimum,
                std::optional<std::int64_t> maximum, const std::optional<Condition>& when) {
  if (minimum)
    out.push_back({*minimum, Boundary::End::kMinimum, when});
  if (maximum)
    out.push_back({*maximum, Boundary::End::kMaximum, when});
}

}  // namespace

bool condition_holds(const Operation& op, const Condition& condition, const ParamMap& context) {
  const auto v = effective_value(op, context, condition.param);
  return v && *v == condition.equals;
}

std::vector<Condition> conditions_of(const Parameter& param) {
  std::vector<Condition> out;
  for (const auto& c : param.conditional) {
    if (std::none_of(out.begin(), out.end(), [&](const Condition& o) { return same(o, c.when); }))
      out.push_back(c.when);
  }
  return out;
}

std::optional<IntegerRange> integer_range(const Operation& op, const Parameter& param,
                                          const ParamMap& context) {
  if (param.type != ValueType::kInteger)
    return std::nullopt;
  IntegerRange r = own_range(param);
  for (const auto& c : param.conditional) {
    if (condition_holds(op, c.when, context))
      r = narrowed(r, c);
  }
  if (r.lo > r.hi)
    return std::nullopt;
  return r;
}

std::optional<IntegerRange> integer_range_in_any_context(const Operation& op,
                                                         const Parameter& param) {
  if (param.type != ValueType::kInteger)
    return std::nullopt;
  std::optional<IntegerRange> hull;
  auto include = [&](const std::optional<IntegerRange>& r) {
    if (!r)
      return;
    hull = hull ? IntegerRange{std::min(hull->lo, r->lo), std::max(hull->hi, r->hi)} : *r;
  };
  include(integer_range(op, param, ParamMap{}));
  for (const auto& when : conditions_of(param))
    include(integer_range(op, param, ParamMap{{when.param, when.equals}}));
  return hull;
}

std::vector<std::string> allowed_values(const Operation& op, const Parameter& param,
                                        const ParamMap& context) {
  std::vector<std::string> out = param.enum_values;
  for (const auto& c : param.conditional) {
    if (c.enum_values.empty() || !condition_holds(op, c.when, context))
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

std::vector<std::string> allowed_values_in_any_context(const Parameter& param) {
  // A conditional enum only narrows the own one, and where no condition holds the own enum is the
  // whole story (no own enum: any value).
  return param.enum_values;
}

std::vector<Boundary> boundaries(const Parameter& param) {
  std::vector<Boundary> out;
  add_bounds(out, param.minimum, param.maximum, std::nullopt);
  for (const auto& c : param.conditional)
    add_bounds(out, c.minimum, c.maximum, c.when);
  return out;
}

std::vector<Boundary> boundaries(const Operation& op, const Parameter& param,
                                 const ParamMap& context) {
  std::vector<Boundary> out = boundaries(param);
  std::erase_if(
      out, [&](const Boundary& b) { return b.when && !condition_holds(op, *b.when, context); });
  return out;
}

LengthLimits length_limits(const Parameter& param) {
  return {param.min_length, param.max_length};
}

ConservativeLimits conservative_limits(const Parameter& param) {
  ConservativeLimits out{param.min_length, param.max_length, false};
  if (const auto& c = param.convention) {
    if (c->max_length)
      out.max_length = out.max_length ? std::min(*out.max_length, *c->max_length) : *c->max_length;
    out.ascii_only = c->ascii;
  }
  return out;
}

bool within_conservative_limits(const Parameter& param, std::string_view value) {
  const auto limits = conservative_limits(param);
  const auto length = code_points(value);
  if ((limits.min_length && length < *limits.min_length) ||
      (limits.max_length && length > *limits.max_length))
    return false;
  return !limits.ascii_only || std::all_of(value.begin(), value.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) <= 0x7E;
  });
}

std::vector<DeclaredConstraints> declared_constraints(const Parameter& param) {
  std::vector<DeclaredConstraints> out = {
      {std::nullopt, param.minimum, param.maximum, param.enum_values}};
  for (const auto& c : param.conditional)
    out.push_back({c.when, c.minimum, c.maximum, c.enum_values});
  return out;
}

}  // namespace conform::spec
