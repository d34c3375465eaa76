// Preconditions: a request naming a resource that does not exist, or one in each state the
// operation does not allow, gets the outcome the contract names.
#include <gtest/gtest.h>

#include "core/spec/evaluate.h"
#include "suites/requests.h"
#include "suites/running_check.h"

namespace conform::suite {
namespace {

sign::Params with_value(sign::Params params, const std::string& name, const std::string& value) {
  for (auto& p : params) {
    if (p.name == name)
      p.value = value;
  }
  return params;
}

TEST(preconditions, unknown_resources_are_refused) {
  RunningCheck check("rules");
  const auto base = minimal_valid_params(check.session());
  if (!base.params)
    return check.skip(base.missing);
  for (const auto& rule : check.op().rules) {
    if (rule.check != spec::Check::kExists)
      continue;
    // An ID shaped like the documented example, with a suffix no real resource has.
    const auto* res = check.op().find_resource(rule.resource);
    const std::string unknown =
        (res && res->example ? res->example->substr(0, res->example->find('-') + 1) : "") +
        "conform-unknown-" + std::to_string(RunContext::current().seed() % 100000);
    Probe probe;
    probe.params = with_value(*base.params, rule.param, unknown);
    check.run_case(rule.param + "=" + unknown + " (no such " + rule.resource + ")", probe,
                   Expectation::rejection(check.op(), rule));
  }
}

TEST(preconditions, each_state_that_the_operation_refuses) {
  RunningCheck check("rules");
  const auto base = minimal_valid_params(check.session());
  if (!base.params)
    return check.skip(base.missing);
  std::vector<std::string> lacking;
  for (const auto& rule : check.op().rules) {
    if (rule.check != spec::Check::kState)
      continue;
    const auto* res = check.op().find_resource(rule.resource);
    for (const auto& state : res->states) {
      if (std::find(rule.states.begin(), rule.states.end(), state.name) != rule.states.end())
        continue;
      const auto ids = check.session().resource_ids(rule.resource, state.name);
      if (ids.empty()) {
        lacking.push_back(state.name);
        continue;
      }
      Probe probe;
      probe.params = with_value(*base.params, rule.param, ids.front());
      check.run_case(rule.resource + " " + ids.front() + " in state " + state.name, probe,
                     Expectation::rejection(check.op(), rule));
    }
    for (const auto& id : check.session().other_state_ids(rule.resource)) {
      Probe probe;
      probe.params = with_value(*base.params, rule.param, id);
      check.run_case(rule.resource + " " + id + " in a state other than " + rule.states.front(),
                     probe, Expectation::rejection(check.op(), rule));
    }
  }
  if (!lacking.empty()) {
    std::string states;
    for (const auto& s : lacking)
      states += (states.empty() ? "" : ", ") + s;
    std::printf("  note: the target names no resource in state %s; those states were not checked\n",
                states.c_str());
  }
}

}  // namespace
}  // namespace conform::suite
