#include "reports/coverage.h"

#include <set>

#include "core/spec/constraints.h"
#include "core/spec/styled_wire.h"

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

CoverageTally::CoverageTally(const spec::Operation& op) : op_(&op) {
  for (const auto& p : op.parameters) {
    styled_ = styled_ || p.style.has_value();
    for (const auto& v : p.enum_values)
      enums_[p.name][v] = 0;
  }
}

void CoverageTally::add(const spec::ParamMap& sent, bool predicted_success,
                        const std::string& broken_rule) {
  // A list or struct counts under its own name, read back from its wire keys as the mock reads it.
  spec::ParamMap read;
  if (styled_) {
    read = sent;
    spec::read_styled(*op_, read);
  }
  const spec::ParamMap& map = styled_ ? read : sent;
  for (const auto& [name, value] : map) {
    if (auto it = params_.find(name); it != params_.end())
      ++it->second;
    else
      params_.emplace(name, 1);
    if (auto e = enums_.find(name); e != enums_.end()) {
      if (auto v = e->second.find(value); v != e->second.end())
        ++v->second;
    }
    const auto* p = op_->find_parameter(name);
    if (!p || !predicted_success)
      continue;
    // A name counts once per request, even where a conditional minimum equals its maximum.
    std::set<std::string> hit;
    for (const auto& b : spec::boundaries(*op_, *p, map)) {
      if (value == std::to_string(b.value))
        hit.insert(boundary_name(*p, b));
    }
    for (const auto& n : hit)
      ++bounds_[n];
  }
  if (!broken_rule.empty()) {
    for (const auto& r : op_->rules) {
      if (r.id == broken_rule)
        ++outcomes_[op_->outcome_of(r).id];
    }
  }
}

void CoverageTally::add(const SentRequest& request) {
  spec::ParamMap map;
  for (const auto& [name, value] : request.parameters)
    map.emplace(name, value);
  add(map, request.predicted_success, request.broken_rule);
}

Coverage CoverageTally::result() const {
  const auto count = [](const auto& counts, const std::string& name) -> std::uint64_t {
    const auto it = counts.find(name);
    return it == counts.end() ? 0 : it->second;
  };
  Coverage out;
  for (const auto& p : op_->parameters) {
    out.parameters.push_back({p.name, count(params_, p.name)});
    for (const auto& v : p.enum_values)
      out.enum_values.push_back({p.name + "=" + v, count(enums_.at(p.name), v)});
    for (const auto& b : spec::boundaries(p)) {
      const auto name = boundary_name(p, b);
      out.boundaries.push_back({name, count(bounds_, name)});
    }
  }
  for (const auto& o : op_->outcomes) {
    if (!o.common || outcomes_.count(o.id))
      out.outcomes.push_back({o.id, count(outcomes_, o.id)});
  }
  return out;
}

Coverage coverage_of(const spec::Operation& op, const std::vector<SentRequest>& sent) {
  CoverageTally tally(op);
  for (const auto& request : sent)
    tally.add(request);
  return tally.result();
}

}  // namespace conform::report
