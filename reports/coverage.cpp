#include "reports/coverage.h"

#include <map>
#include <set>

#include "core/spec/constraints.h"

namespace conform::report {

namespace {

// A boundary's coverage name: NAME=VALUE (min|max) for the parameter's own, NAME=VALUE (when
// OTHER=VALUE) for a conditional one.
std::string boundary_name(const spec::Parameter& p, const spec::Boundary& b) {
  const std::string value = p.name + "=" + std::to_string(b.value);
  if (b.when)
    return value + " (when " + b.when->param + "=" + b.when->equals + ")";
  return value + (b.end == spec::Boundary::End::kMinimum ? " (min)" : " (max)");
}

}  // namespace

Coverage coverage_of(const spec::Operation& op, const std::vector<SentRequest>& sent) {
  std::map<std::string, std::uint64_t> params, enums, bounds, outcomes;
  std::vector<std::string> param_order, enum_order, bound_order;
  for (const auto& p : op.parameters) {
    param_order.push_back(p.name);
    for (const auto& v : p.enum_values)
      enum_order.push_back(p.name + "=" + v);
    for (const auto& b : spec::boundaries(p))
      bound_order.push_back(boundary_name(p, b));
  }
  for (const auto& request : sent) {
    spec::ParamMap map;
    for (const auto& [name, value] : request.parameters)
      map.emplace(name, value);
    for (const auto& [name, value] : map) {
      ++params[name];
      ++enums[name + "=" + value];
      const auto* p = op.find_parameter(name);
      if (!p || !request.predicted_success)
        continue;
      // A name counts once per request, even where a conditional minimum equals its maximum.
      std::set<std::string> hit;
      for (const auto& b : spec::boundaries(op, *p, map)) {
        if (value == std::to_string(b.value))
          hit.insert(boundary_name(*p, b));
      }
      for (const auto& n : hit)
        ++bounds[n];
    }
    if (!request.broken_rule.empty()) {
      for (const auto& r : op.rules) {
        if (r.id == request.broken_rule)
          ++outcomes[op.outcome_of(r).id];
      }
    }
  }
  Coverage out;
  for (const auto& n : param_order)
    out.parameters.push_back({n, params[n]});
  for (const auto& n : enum_order)
    out.enum_values.push_back({n, enums[n]});
  for (const auto& n : bound_order)
    out.boundaries.push_back({n, bounds[n]});
  for (const auto& o : op.outcomes) {
    if (!o.common || outcomes.count(o.id))
      out.outcomes.push_back({o.id, outcomes[o.id]});
  }
  return out;
}

}  // namespace conform::report
