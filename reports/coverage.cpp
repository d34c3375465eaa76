#include "reports/coverage.h"

#include <map>

#include "core/spec/evaluate.h"

namespace conform::report {

Coverage coverage_of(const spec::Operation& op, const std::vector<SentRequest>& sent) {
  std::map<std::string, std::uint64_t> params, enums, bounds, outcomes;
  std::vector<std::string> param_order, enum_order, bound_order;
  for (const auto& p : op.parameters) {
    param_order.push_back(p.name);
    for (const auto& v : p.enum_values)
      enum_order.push_back(p.name + "=" + v);
    if (p.minimum)
      bound_order.push_back(p.name + "=" + std::to_string(*p.minimum) + " (min)");
    if (p.maximum)
      bound_order.push_back(p.name + "=" + std::to_string(*p.maximum) + " (max)");
    for (const auto& c : p.conditional) {
      const std::string when = " (when " + c.when.param + "=" + c.when.equals + ")";
      if (c.minimum)
        bound_order.push_back(p.name + "=" + std::to_string(*c.minimum) + when);
      if (c.maximum)
        bound_order.push_back(p.name + "=" + std::to_string(*c.maximum) + when);
    }
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
      if (p->minimum && value == std::to_string(*p->minimum))
        ++bounds[name + "=" + value + " (min)"];
      if (p->maximum && value == std::to_string(*p->maximum))
        ++bounds[name + "=" + value + " (max)"];
      for (const auto& c : p->conditional) {
        if (spec::effective_value(op, map, c.when.param) != c.when.equals)
          continue;
        const std::string when = " (when " + c.when.param + "=" + c.when.equals + ")";
        if ((c.minimum && value == std::to_string(*c.minimum)) ||
            (c.maximum && value == std::to_string(*c.maximum))) {
          ++bounds[name + "=" + value + when];
        }
      }
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
