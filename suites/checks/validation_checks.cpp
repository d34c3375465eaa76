// Every rule broken one at a time and rejected as the contract says, the unsettled cases observed,
// and random invalid cases as a RapidCheck property whose failures shrink to the smallest request.
#include <gtest/gtest.h>

#include "generators/random_cases.h"
#include "generators/systematic.h"
#include "suites/case_adapter.h"
#include "suites/generated_cases.h"
#include "suites/running_check.h"

namespace conform::suite {
namespace {

TEST(validation, each_rule_broken_alone) {
  RunningCheck check("rules");
  run_set(check, gen::invalid_cases(check.op(), fixtures_of(check.session())));
}

TEST(validation, unsettled_cases_are_observed) {
  RunningCheck check("rules");
  run_set(check, gen::observation_cases(check.op(), fixtures_of(check.session())));
}

TEST(validation, random_invalid_requests) {
  RunningCheck check("rules");
  const auto op = RunContext::current().session().shared_op();
  try {
    property(check, gen::invalid_case(op, fixtures_of(check.session())),
             check.session().target().invalid_cases, not_failed);
  } catch (const std::invalid_argument& e) {
    check.skip(e.what());
  }
}

}  // namespace
}  // namespace conform::suite
