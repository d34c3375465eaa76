// Checks over the generators' cases: every enum value and boundary accepted, every rule broken one
// at a time and rejected as the contract says, the unsettled cases observed, and random cases as
// RapidCheck properties whose failures shrink to the smallest request (re-signed every time).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "generators/random_cases.h"
#include "generators/systematic.h"
#include "suites/case_adapter.h"
#include "suites/requests.h"
#include "suites/run_state.h"

namespace conform::suite {
namespace {

// Every case gets client tokens of its own: otherwise two cases that happen to draw the same token
// with other parameters (or the same case in an earlier run against a real endpoint) would meet
// the reused-token rule instead of the rule they test. The drawn characters stay and a run-unique
// suffix follows them; both requests of a token-reuse case get the same suffix. An unsettled case
// keeps its token as drawn, since its length or form may be what it observes.
std::string token_suffix(Check& check, const gen::Case& c) {
  static std::uint64_t counter = 0;
  if (!check.op().idempotency ||
      (c.kind == gen::CaseKind::kObservation && c.reuse == gen::TokenReuse::kNone)) {
    return "";
  }
  return "-" + std::to_string(RunState::current().seed() % 100000) + "-" +
         std::to_string(++counter);
}

void apply_suffix(const spec::Operation& op, const std::string& suffix, sign::Params& params) {
  if (suffix.empty())
    return;
  for (auto& p : params) {
    if (p.name == op.idempotency->token)
      p.value += suffix;
  }
}

// Sends one generated case, with what it needs first: a request whose nonce a reused-nonce case
// repeats, or the first request of a reused client token.
CaseOutcome send_case(Check& check, const gen::Case& c) {
  const auto suffix = token_suffix(check, c);
  if (c.tamper == gen::Tamper::kReusedNonce || c.reuse != gen::TokenReuse::kNone) {
    Probe first = to_probe(c);
    first.tamper = gen::Tamper::kNone;
    if (c.reuse == gen::TokenReuse::kNone) {
      const auto base = minimal_valid_params(check.session());
      if (base.params)
        first.params = *base.params;
    }
    apply_suffix(check.op(), suffix, first.params);
    check.run_case("before: " + c.description, first, Expectation::success());
  }
  Probe probe = to_probe(c);
  if (c.reuse == gen::TokenReuse::kDifferentRequest) {
    probe.params.clear();
    for (const auto& p : c.reuse_params)
      probe.params.push_back({p.name, p.value});
  }
  apply_suffix(check.op(), suffix, probe.params);
  return check.run_case(c.description, probe, expectation_of(c));
}

void run_set(Check& check, const gen::CaseSet& set) {
  for (const auto& c : set.cases)
    send_case(check, c);
  for (const auto& s : set.skipped)
    std::printf("  not generated: %s: %s\n", s.what.c_str(), s.reason.c_str());
}

TEST(acceptance, every_enum_value_and_boundary) {
  Check check("acceptance", "every_enum_value_and_boundary", check_spec_ref("parameters"));
  const auto fixtures = fixtures_of(check.session());
  run_set(check, gen::valid_cases(check.op(), fixtures));
}

TEST(validation, each_rule_broken_alone) {
  Check check("validation", "each_rule_broken_alone", check_spec_ref("rules"));
  run_set(check, gen::invalid_cases(check.op(), fixtures_of(check.session())));
}

TEST(validation, unsettled_cases_are_observed) {
  Check check("validation", "unsettled_cases_are_observed", check_spec_ref("rules"));
  run_set(check, gen::observation_cases(check.op(), fixtures_of(check.session())));
}

// Runs a property over a generator with the run's seed; the last failing case RapidCheck reports
// is the smallest one, since it calls the property again on every shrink candidate.
void property(Check& check, const rc::Gen<gen::Case>& cases, int count,
              const std::function<bool(const CaseOutcome&)>& holds) {
  std::optional<CaseOutcome> smallest;
  rc::detail::TestParams params;
  params.seed = RunState::current().seed();
  params.maxSuccess = count;
  params.maxSize = 100;
  const auto result = rc::detail::checkTestable(
      [&] {
        const auto c = *cases;
        auto outcome = send_case(check, c);
        if (!holds(outcome)) {
          smallest = outcome;
          RC_FAIL(outcome.judgement.message);
        }
      },
      rc::detail::TestMetadata{}, params);
  if (smallest) {
    smallest->description = "smallest counterexample: " + smallest->description;
    check.set_counterexample(*smallest);
  }
  if (result.is<rc::detail::GaveUpResult>())
    check.skip("RapidCheck gave up generating cases");
}

bool not_failed(const CaseOutcome& o) {
  return o.judgement.verdict != Verdict::kFailed;
}

TEST(acceptance, random_valid_requests) {
  Check check("acceptance", "random_valid_requests", check_spec_ref("parameters"));
  const auto op = RunState::current().session().shared_op();
  try {
    property(check, gen::valid_case(op, fixtures_of(check.session())),
             check.session().target().valid_cases, not_failed);
  } catch (const std::invalid_argument& e) {
    check.skip(e.what());
  }
}

TEST(validation, random_invalid_requests) {
  Check check("validation", "random_invalid_requests", check_spec_ref("rules"));
  const auto op = RunState::current().session().shared_op();
  try {
    property(check, gen::invalid_case(op, fixtures_of(check.session())),
             check.session().target().invalid_cases, not_failed);
  } catch (const std::invalid_argument& e) {
    check.skip(e.what());
  }
}

TEST(robustness, no_server_error_for_any_input) {
  Check check("robustness", "no_server_error_for_any_input", check_spec_ref("errors"));
  const auto op = RunState::current().session().shared_op();
  const auto fixtures = fixtures_of(check.session());
  try {
    const auto any = rc::gen::oneOf(gen::valid_case(op, fixtures), gen::invalid_case(op, fixtures));
    property(check, any, check.session().target().invalid_cases, [](const CaseOutcome& o) {
      const bool server_error = o.exchange.status >= 500 && o.judgement.verdict == Verdict::kFailed;
      const bool broken = o.exchange.error && o.judgement.verdict == Verdict::kFailed;
      return !server_error && !broken;
    });
  } catch (const std::invalid_argument& e) {
    check.skip(e.what());
  }
}

}  // namespace
}  // namespace conform::suite
