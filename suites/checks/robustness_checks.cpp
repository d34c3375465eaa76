// No input, valid or not, makes the server fail: random cases of both kinds as a RapidCheck
// property, whose failures shrink to the smallest request.
#include <gtest/gtest.h>

#include "generators/random_cases.h"
#include "suites/case_adapter.h"
#include "suites/generated_cases.h"
#include "suites/running_check.h"

namespace conform::suite {
namespace {

TEST(robustness, no_server_error_for_any_input) {
  RunningCheck check("errors");
  const auto op = RunContext::current().session().shared_op();
  const auto fixtures = fixtures_of(check.session());
  try {
    const auto any = rc::gen::oneOf(gen::valid_case(op, fixtures), gen::invalid_case(op, fixtures));
    property(check, any, check.session().target().invalid_cases, [](const CaseOutcome& o) {
      const bool server_error =
          o.exchange.status >= 500 && o.judgement.verdict == report::Verdict::kFailed;
      const bool broken = o.exchange.error && o.judgement.verdict == report::Verdict::kFailed;
      return !server_error && !broken;
    });
  } catch (const std::invalid_argument& e) {
    check.skip(e.what());
  }
}

}  // namespace
}  // namespace conform::suite
