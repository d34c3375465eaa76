#include "generators/breaks.h"

#include <algorithm>

#include "generators/oracle.h"
#include "generators/values.h"

namespace conform::gen {
namespace {

std::vector<Break> candidates(const spec::Operation& op, const Fixtures& fixtures,
                              const spec::Rule& rule, std::vector<Skip>& skipped) {
  std::vector<Break> out;
  switch (rule.check) {
    case spec::Check::kPresent:
      out.push_back({rule.id, rule.param + " missing", {}, {rule.param}, Tamper::kNone});
      break;
    case spec::Check::kValid:
      if (const auto* p = op.find_parameter(rule.param)) {
        for (const auto& m : mutations(op, *p)) {
          Assignments set = {{rule.param, m.value}};
          set.insert(set.end(), m.with.begin(), m.with.end());
          out.push_back(
              {rule.id, describe_assignments(set) + " (" + m.why + ")", set, {}, Tamper::kNone});
        }
      }
      break;
    case spec::Check::kExists: {
      const std::string id = unknown_id(op, fixtures, rule.resource);
      out.push_back({rule.id,
                     rule.param + "=" + id + " (unknown " + rule.resource + ")",
                     {{rule.param, id}},
                     {},
                     Tamper::kNone});
      break;
    }
    case spec::Check::kState: {
      const auto* resource = op.find_resource(rule.resource);
      for (const auto& s : resource ? resource->states : std::vector<spec::ResourceState>{}) {
        if (std::find(rule.states.begin(), rule.states.end(), s.name) != rule.states.end())
          continue;
        const auto ids = ids_in_state(op, fixtures, rule.resource, s.name);
        if (ids.empty()) {
          skipped.push_back({rule.id, "no " + rule.resource + " in state " + s.name});
          continue;
        }
        out.push_back(
            {rule.id,
             rule.param + "=" + ids.front() + " (" + rule.resource + " in state " + s.name + ")",
             {{rule.param, ids.front()}},
             {},
             Tamper::kNone});
      }
      break;
    }
    case spec::Check::kService:
      if (!rule.resource.empty()) {
        const auto ids = ids_failing(fixtures, rule.resource, rule.id);
        if (ids.empty()) {
          skipped.push_back({rule.id, "no " + rule.resource + " that fails it"});
        } else {
          out.push_back(
              {rule.id,
               rule.param + "=" + ids.front() + " (" + rule.resource + " failing " + rule.id + ")",
               {{rule.param, ids.front()}},
               {},
               Tamper::kNone});
        }
        break;
      }
      [[fallthrough]];
    default:
      for (const auto& [tamper, first] : tampers_for(op)) {
        if (first == &rule)
          out.push_back({rule.id, "tamper: " + std::string(to_string(tamper)), {}, {}, tamper});
      }
      if (out.empty()) {
        skipped.push_back({rule.id, "a request cannot break a " +
                                        std::string(spec::to_string(rule.check)) + " check"});
      }
      break;
  }
  return out;
}

}  // namespace

std::optional<Case> breaking_case(const spec::Operation& op, const Fixtures& fixtures,
                                  const std::vector<Param>& params, const Break& b) {
  Case c;
  c.kind = CaseKind::kInvalid;
  c.description = b.description;
  c.params = overlay(op, params, b.set, b.drop);
  c.tamper = b.tamper;
  const auto breach = first_breach(op, fixtures, c);
  if (!breach || breach->rule->id != b.rule_id)
    return std::nullopt;
  c.rule_id = breach->rule->id;
  c.outcome_id = op.outcome_of(*breach->rule).id;
  c.accepted = spec::accepted_answers(op, *breach->rule);
  c.settled = op.outcome_of(*breach->rule).settled;
  c.rejection_settled = op.outcome_of(*breach->rule).rejection_settled;
  c.charges = charges(op, c.params);
  return c;
}

BreakSet breaks(const spec::Operation& op, const Fixtures& fixtures) {
  BreakSet out;
  const auto base = minimal_params(op, fixtures, out.skipped);
  for (const auto& rule : op.rules) {
    std::size_t kept = 0;
    std::size_t proposed = 0;
    const std::size_t skips_before = out.skipped.size();
    for (auto& b : candidates(op, fixtures, rule, out.skipped)) {
      ++proposed;
      // Two reasons can propose the same request (above the maximum, beyond the format): once.
      const bool repeated = std::any_of(out.breaks.begin(), out.breaks.end(), [&](const Break& k) {
        return k.set == b.set && k.drop == b.drop && k.tamper == b.tamper;
      });
      if (repeated) {
        ++kept;
        continue;
      }
      // Without a valid base every rule would fire on the missing parameter, not its own.
      if (base && breaking_case(op, fixtures, *base, b)) {
        out.breaks.push_back(std::move(b));
        ++kept;
      }
    }
    if (kept == 0 && out.skipped.size() == skips_before) {
      out.skipped.push_back({rule.id, proposed == 0 ? "no way known to break it"
                                      : base        ? "no proposed value breaks it first"
                                                    : "no valid request to break it from"});
    }
  }
  return out;
}

}  // namespace conform::gen
