#include "generators/compose.h"

#include <algorithm>

#include "core/spec/constraints.h"
#include "core/spec/styled_wire.h"
#include "generators/styled_values.h"
#include "generators/values.h"

namespace conform::gen {
namespace {

std::size_t spec_index(const spec::Operation& op, const std::string& name) {
  auto it = std::find_if(op.parameters.begin(), op.parameters.end(),
                         [&](const spec::Parameter& p) { return p.name == name; });
  if (it == op.parameters.end()) {
    // A list's flattened key sorts with its parameter.
    it = std::find_if(op.parameters.begin(), op.parameters.end(),
                      [&](const spec::Parameter& p) { return spec::is_flattened_key(p, name); });
  }
  return static_cast<std::size_t>(it - op.parameters.begin());
}

}  // namespace

void sort_in_spec_order(const spec::Operation& op, std::vector<Param>& params) {
  // Each name's index is found once, not in every comparison: finding it scans the spec. Sorting
  // by (index, position) keeps equal indices in their order, as a stable sort would.
  std::vector<std::pair<std::size_t, std::size_t>> keys;
  keys.reserve(params.size());
  for (std::size_t i = 0; i < params.size(); ++i)
    keys.emplace_back(spec_index(op, params[i].name), i);
  if (std::is_sorted(keys.begin(), keys.end()))
    return;
  std::sort(keys.begin(), keys.end());
  std::vector<Param> sorted;
  sorted.reserve(params.size());
  for (const auto& key : keys)
    sorted.push_back(std::move(params[key.second]));
  params = std::move(sorted);
}

std::vector<const spec::Parameter*> dependency_order(const spec::Operation& op) {
  std::vector<const spec::Parameter*> out;
  for (const auto& p : op.parameters)
    out.push_back(&p);
  std::stable_partition(out.begin(), out.end(),
                        [](const spec::Parameter* p) { return spec::conditions_of(*p).empty(); });
  return out;
}

std::optional<std::vector<Param>> minimal_params(const spec::Operation& op,
                                                 const Fixtures& fixtures,
                                                 std::vector<Skip>& skipped) {
  std::vector<Param> out;
  spec::ParamMap context;
  bool complete = true;
  for (const auto* p : dependency_order(op)) {
    if (!p->required)
      continue;
    std::string why;
    const auto values = valid_values(op, fixtures, *p, context, &why);
    if (values.empty()) {
      skipped.push_back({p->name, why});
      complete = false;
      continue;
    }
    for (auto& wire : wire_params(op, p->name, values.front()))
      out.push_back(std::move(wire));
    context.emplace(p->name, values.front());
  }
  if (!complete)
    return std::nullopt;
  sort_in_spec_order(op, out);
  return out;
}

std::vector<Param> overlay(const spec::Operation& op, std::vector<Param> base,
                           const Assignments& set, const std::vector<std::string>& drop) {
  std::erase_if(base, [&](const Param& p) {
    return std::any_of(drop.begin(), drop.end(),
                       [&](const std::string& d) { return carries(op, d, p.name); }) ||
           std::any_of(set.begin(), set.end(),
                       [&](const auto& s) { return carries(op, s.first, p.name); });
  });
  // Not a structured binding: clang 14 (the fuzz preset) cannot capture one in the lambda.
  for (const auto& assignment : set) {
    const auto& name = assignment.first;
    const bool seen = std::any_of(base.begin(), base.end(),
                                  [&](const Param& p) { return carries(op, name, p.name); });
    if (!seen) {
      for (auto& wire : wire_params(op, name, assignment.second))
        base.push_back(std::move(wire));
    }
  }
  sort_in_spec_order(op, base);
  return base;
}

std::string describe_assignments(const Assignments& set) {
  std::string out;
  for (std::size_t i = 0; i < set.size(); ++i) {
    out += i == 0 ? "" : i == 1 ? " with " : ", ";
    out += set[i].first + "=" + set[i].second;
  }
  return out;
}

bool charges(const spec::Operation& op, const std::vector<Param>& params) {
  if (!op.effects || !op.effects->billable || !op.effects->charge_parameter)
    return false;
  const auto& name = *op.effects->charge_parameter;
  return std::any_of(params.begin(), params.end(), [&](const Param& p) {
    if (p.name != name)
      return false;
    // Compare as the service reads the value, so "FALSE" is as safe as "false".
    const auto* param = op.find_parameter(name);
    if (param && param->type == spec::ValueType::kBoolean && op.effects->safe_value) {
      const auto a = spec::parse_boolean(p.value);
      const auto b = spec::parse_boolean(*op.effects->safe_value);
      return !(a && b && *a == *b);
    }
    return !op.effects->safe_value || p.value != *op.effects->safe_value;
  });
}

}  // namespace conform::gen
