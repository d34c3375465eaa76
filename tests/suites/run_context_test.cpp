// The run every check reports into (RunContext) and one check's record (RunningCheck), on dry
// sessions so nothing leaves the machine. A RunningCheck takes its kind and name from the running
// test, so the kinds and names expected here are this file's TEST names.
#include "suites/run_context.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "core/spec/loader.h"
#include "suites/running_check.h"
#include "tests/support/test_paths.h"

namespace conform::suite {
namespace {

using report::Verdict;

const std::string& spec_path() {
  static const std::string path = conform::testing::source_path(
      "specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json");
  return path;
}

std::shared_ptr<const spec::Operation> op() {
  static const auto loaded = spec::load_operation(spec_path());
  return loaded;
}

std::unique_ptr<Session> dry_session(Target target = {}) {
  // Dry sessions sign but send nothing, so any key pair does.
  return std::make_unique<Session>(op(), std::move(target),
                                   client::Credentials{"dry-run", "dry-run", std::nullopt, {}},
                                   /*dry_run=*/true);
}

// A run installed for the scope, as `conform run` installs one before running the checks.
struct InstalledRun {
  explicit InstalledRun(Target target = {}) : context(dry_session(std::move(target)), 7) {
    RunContext::install(&context);
  }
  ~InstalledRun() { RunContext::install(nullptr); }
  InstalledRun(const InstalledRun&) = delete;
  InstalledRun& operator=(const InstalledRun&) = delete;
  RunContext context;
};

report::CheckResult named(const std::string& name, Verdict verdict) {
  report::CheckResult r;
  r.kind = "acceptance";
  r.name = name;
  r.verdict = verdict;
  return r;
}

CaseOutcome outcome(const std::string& description, Verdict verdict,
                    const std::string& message = "") {
  CaseOutcome o;
  o.description = description;
  o.judgement.verdict = verdict;
  o.judgement.message = message;
  return o;
}

// A case whose answer came back: what a record's "observed" and exchanges are made of.
CaseOutcome answered(const std::string& description, Verdict verdict, const std::string& message,
                     int status, const std::string& code) {
  auto o = outcome(description, verdict, message);
  o.exchange.status = status;
  o.exchange.response_headers = {{"Content-Type", "application/json;charset=utf-8"}};
  o.exchange.replay_command = "curl " + description;
  o.judgement.got = spec::Answer{status, code};
  return o;
}

TEST(RunContext, current_is_the_installed_run_and_fails_without_one) {
  RunContext::install(nullptr);
  EXPECT_FALSE(RunContext::installed());
  try {
    RunContext::current();
    FAIL() << "current() without an installed run";
  } catch (const std::logic_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "no conformance run is installed (run the suites through 'conform run')");
  }
  {
    InstalledRun run;
    EXPECT_TRUE(RunContext::installed());
    EXPECT_EQ(&RunContext::current(), &run.context);
    EXPECT_EQ(RunContext::current().seed(), 7u);
    EXPECT_EQ(RunContext::current().session().target().name, "embedded mock");
  }
  EXPECT_FALSE(RunContext::installed());
}

TEST(RunContext, add_keeps_every_result_and_tells_each_listener_in_order) {
  RunContext context(dry_session(), 1);
  std::vector<std::string> heard;
  context.on_result([&](const report::CheckResult& r) { heard.push_back("first " + r.name); });
  context.add(named("a", Verdict::kPassed));
  context.on_result([&](const report::CheckResult& r) { heard.push_back("second " + r.name); });
  context.add(named("b", Verdict::kFailed));
  context.add(named("c", Verdict::kSkipped));
  // A listener hears the results added after it registered, each after the earlier listeners.
  EXPECT_EQ(heard,
            (std::vector<std::string>{"first a", "first b", "second b", "first c", "second c"}));
  const auto results = context.results();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].name, "a");
  EXPECT_EQ(results[0].verdict, Verdict::kPassed);
  EXPECT_EQ(results[1].name, "b");
  EXPECT_EQ(results[1].verdict, Verdict::kFailed);
  EXPECT_EQ(results[2].name, "c");
  EXPECT_EQ(results[2].verdict, Verdict::kSkipped);
}

TEST(RunContext, note_sent_keeps_the_parameters_and_the_prediction) {
  RunContext context(dry_session(), 1);
  Probe probe;
  probe.params = {{"RegionId", "cn-hangzhou"}, {"Period", "0"}};
  context.note_sent(probe, Expectation{Expectation::Kind::kRejection, "period_in_range", {}, true});
  context.note_sent(probe, Expectation::success());
  context.note_sent(probe, Expectation::unsettled());
  const auto sent = context.sent();
  ASSERT_EQ(sent.size(), 3u);
  const std::vector<std::pair<std::string, std::string>> params = {{"RegionId", "cn-hangzhou"},
                                                                   {"Period", "0"}};
  EXPECT_EQ(sent[0].parameters, params);
  EXPECT_FALSE(sent[0].predicted_success);
  EXPECT_EQ(sent[0].broken_rule, "period_in_range");
  EXPECT_TRUE(sent[1].predicted_success);
  EXPECT_EQ(sent[1].broken_rule, "");
  EXPECT_FALSE(sent[2].predicted_success);
  EXPECT_EQ(sent[2].broken_rule, "");
}

// A long run keeps the coverage counts, not the requests: the sample stops at kSentSample while
// the counts go on.
TEST(RunContext, coverage_counts_every_request_but_keeps_only_a_sample_of_them) {
  RunContext context(dry_session(), 1);
  Probe probe;
  probe.params = {{"RegionId", "cn-hangzhou"}, {"Period", "0"}};
  const int sent = static_cast<int>(RunContext::kSentSample) + 100;
  for (int i = 0; i < sent; ++i)
    context.note_sent(probe, Expectation::success());
  EXPECT_EQ(context.sent().size(), RunContext::kSentSample);
  EXPECT_EQ(context.sent_count(), sent);
  const auto coverage = context.coverage();
  std::uint64_t region = 0;
  std::uint64_t token = 99;
  for (const auto& item : coverage.parameters) {
    if (item.name == "RegionId")
      region = item.count;
    if (item.name == "ClientToken")
      token = item.count;
  }
  EXPECT_EQ(region, static_cast<std::uint64_t>(sent));
  EXPECT_EQ(token, 0u);
}

TEST(RunningCheck, a_check_without_cases_is_skipped) {
  InstalledRun run;
  { RunningCheck check("acceptance"); }
  const auto results = run.context.results();
  ASSERT_EQ(results.size(), 1u);
  const auto& r = results[0];
  EXPECT_EQ(r.kind, "RunningCheck");
  EXPECT_EQ(r.name, "a_check_without_cases_is_skipped");
  EXPECT_EQ(r.spec, (report::SpecRef{spec_path(), "acceptance", ""}));
  EXPECT_EQ(r.verdict, Verdict::kSkipped);
  EXPECT_EQ(r.message, "no case could be made for this target");
  EXPECT_EQ(r.cases_sent, 0);
  EXPECT_FALSE(r.counterexample);
  EXPECT_TRUE(r.exchanges.empty());
}

TEST(RunningCheck, passing_cases_make_a_passed_check_without_evidence) {
  InstalledRun run;
  {
    RunningCheck check("acceptance");
    check.add_case(outcome("one", Verdict::kPassed));
    check.add_case(outcome("two", Verdict::kPassed));
  }
  const auto r = run.context.results().at(0);
  EXPECT_EQ(r.verdict, Verdict::kPassed);
  EXPECT_EQ(r.message, "");
  EXPECT_EQ(r.cases_sent, 2);
  EXPECT_FALSE(r.counterexample);
  EXPECT_FALSE(r.observed);
  EXPECT_TRUE(r.exchanges.empty());
}

TEST(RunningCheck, skip_gives_the_reason_even_after_cases) {
  InstalledRun run;
  {
    RunningCheck check("preconditions");
    check.add_case(outcome("one", Verdict::kPassed));
    check.skip("the target names no circuit in state Enabled");
  }
  const auto r = run.context.results().at(0);
  EXPECT_EQ(r.verdict, Verdict::kSkipped);
  EXPECT_EQ(r.message, "the target names no circuit in state Enabled");
  EXPECT_EQ(r.cases_sent, 1);
}

TEST(RunningCheck, an_inconclusive_case_makes_the_check_inconclusive) {
  InstalledRun run;
  {
    RunningCheck check("acceptance");
    check.add_case(outcome("one", Verdict::kPassed));
    check.add_case(answered("throttled", Verdict::kInconclusive, "transient answer", 400, "T"));
    check.add_case(outcome("three", Verdict::kObservation, "unsettled"));
  }
  const auto r = run.context.results().at(0);
  EXPECT_EQ(r.verdict, Verdict::kInconclusive);
  EXPECT_EQ(r.message, "throttled: transient answer");
  EXPECT_EQ(r.cases_sent, 3);
  ASSERT_TRUE(r.observed);
  EXPECT_EQ(*r.observed, (report::Observed{400, "T", "application/json;charset=utf-8"}));
  ASSERT_EQ(r.exchanges.size(), 2u);  // the inconclusive case, then the observation
  EXPECT_EQ(r.exchanges[0].status, 400);
  EXPECT_EQ(r.exchanges[1].status, 0);
}

TEST(RunningCheck, a_failed_case_fails_the_check_with_the_first_failing_message) {
  InstalledRun run;
  const auto run_check = [] {
    RunningCheck check("errors");
    check.add_case(outcome("one", Verdict::kPassed));
    check.add_case(answered("slow", Verdict::kInconclusive, "timed out", 0, ""));
    auto first = answered("Period=0", Verdict::kFailed, "got 200 OK", 200, "");
    first.expected.rule_id = "period_in_range";
    first.expected.accepted = {{400, "InvalidPeriod"}};
    first.probe.params = {{"Period", "0"}};
    check.add_case(first);
    check.add_case(answered("Period=99", Verdict::kFailed, "got 500", 500, "Oops"));
    check.add_case(outcome("last", Verdict::kInconclusive, "unreachable"));
  };
  // The failure reaches GoogleTest too, naming the first failing case.
  EXPECT_NONFATAL_FAILURE(run_check(), "Period=0: got 200 OK");
  const auto r = run.context.results().at(0);
  EXPECT_EQ(r.verdict, Verdict::kFailed);
  EXPECT_EQ(r.message, "Period=0: got 200 OK");
  EXPECT_EQ(r.cases_sent, 5);
  // The record's evidence is that same case: its rule, answers, request and replay.
  EXPECT_EQ(r.spec.rule, "period_in_range");
  EXPECT_EQ(r.expected, (std::vector<spec::Answer>{{400, "InvalidPeriod"}}));
  ASSERT_TRUE(r.observed);
  EXPECT_EQ(*r.observed, (report::Observed{200, "", "application/json;charset=utf-8"}));
  ASSERT_TRUE(r.counterexample);
  EXPECT_EQ(r.counterexample->description, "Period=0 (V3 POST query JSON)");
  EXPECT_EQ(r.counterexample->parameters,
            (std::vector<std::pair<std::string, std::string>>{{"Period", "0"}}));
  EXPECT_EQ(r.replay_command, "curl Period=0");
  ASSERT_EQ(r.exchanges.size(), 4u);
  EXPECT_EQ(r.exchanges[0].status, 200);
  EXPECT_EQ(r.exchanges[1].status, 0);  // then the other cases that did not pass, in order
  EXPECT_EQ(r.exchanges[2].status, 500);
}

TEST(RunningCheck, a_counterexample_is_the_deciding_case) {
  InstalledRun run;
  const auto run_check = [] {
    RunningCheck check("validation");
    check.add_case(answered("generated", Verdict::kFailed, "accepted a bad value", 200, ""));
    auto shrunk = answered("shrunk", Verdict::kFailed, "accepted a bad value", 201, "");
    shrunk.probe.scheme = client::SignatureVersion::kV1;
    shrunk.probe.method = "GET";
    shrunk.probe.params = {{"RegionId", "cn-hangzhou"}, {"Period", "-1"}};
    shrunk.expected.rule_id = "period_in_range";
    check.set_counterexample(shrunk);
  };
  EXPECT_NONFATAL_FAILURE(run_check(), "generated: accepted a bad value");
  const auto r = run.context.results().at(0);
  EXPECT_EQ(r.verdict, Verdict::kFailed);
  EXPECT_EQ(r.cases_sent, 1);  // a counterexample is evidence, not one more case
  ASSERT_TRUE(r.counterexample);
  EXPECT_EQ(r.counterexample->description, "shrunk (V1 GET query JSON)");
  EXPECT_EQ(r.counterexample->parameters, (std::vector<std::pair<std::string, std::string>>{
                                              {"RegionId", "cn-hangzhou"}, {"Period", "-1"}}));
  EXPECT_EQ(r.spec.rule, "period_in_range");
  EXPECT_EQ(r.observed->http, 201);
  EXPECT_EQ(r.replay_command, "curl shrunk");
  ASSERT_EQ(r.exchanges.size(), 2u);
  EXPECT_EQ(r.exchanges[0].status, 201);
  EXPECT_EQ(r.exchanges[1].status, 200);
}

TEST(RunningCheck, at_most_five_exchanges_are_kept) {
  InstalledRun run;
  const auto run_check = [] {
    RunningCheck check("validation");
    for (int i = 0; i < 8; ++i)
      check.add_case(answered("case " + std::to_string(i), Verdict::kFailed, "bad", 200 + i, ""));
  };
  EXPECT_NONFATAL_FAILURE(run_check(), "case 0: bad");
  const auto r = run.context.results().at(0);
  EXPECT_EQ(r.cases_sent, 8);
  ASSERT_EQ(r.exchanges.size(), 5u);
  EXPECT_EQ(r.exchanges[4].status, 204);
}

TEST(RunningCheck, run_case_on_a_dry_session_is_inconclusive_and_noted) {
  InstalledRun run;
  {
    RunningCheck check("acceptance");
    Probe probe;
    probe.params = {{"RegionId", "cn-hangzhou"}};
    const auto got = check.run_case("minimal", probe, Expectation::success());
    EXPECT_EQ(got.judgement.verdict, Verdict::kInconclusive);
    ASSERT_TRUE(got.exchange.error);
    EXPECT_EQ(got.exchange.error->kind, http::TransportErrorKind::kNotSent);
  }
  const auto r = run.context.results().at(0);
  EXPECT_EQ(r.verdict, Verdict::kInconclusive);
  EXPECT_EQ(r.message.rfind("minimal: ", 0), 0u) << r.message;
  EXPECT_EQ(r.cases_sent, 1);
  const auto sent = run.context.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].parameters,
            (std::vector<std::pair<std::string, std::string>>{{"RegionId", "cn-hangzhou"}}));
  EXPECT_TRUE(sent[0].predicted_success);
}

TEST(RunningCheck, a_known_divergence_turns_a_failure_into_an_observation) {
  Target target;
  target.divergences = {{"RunningCheck.a_known_*", "the target answers 403 first"}};
  InstalledRun run(target);
  {
    RunningCheck check("errors");
    check.add_case(outcome("Period=0", Verdict::kFailed, "got 403"));
  }
  const auto r = run.context.results().at(0);
  EXPECT_EQ(r.verdict, Verdict::kObservation);
  EXPECT_EQ(r.message, "known divergence (the target answers 403 first): Period=0: got 403");
}

TEST(RunningCheck, a_divergence_that_passes_is_reported_stale) {
  Target target;
  target.divergences = {{"a_divergence_that_passes_is_reported_stale", "fixed upstream?"},
                        {"other_check", "not this one"}};
  InstalledRun run(target);
  {
    RunningCheck check("errors");
    check.add_case(outcome("one", Verdict::kPassed));
  }
  const auto r = run.context.results().at(0);
  EXPECT_EQ(r.verdict, Verdict::kObservation);
  EXPECT_EQ(r.message,
            "stale divergence: the check passes now; remove "
            "\"a_divergence_that_passes_is_reported_stale\" from the target (fixed upstream?)");
}

TEST(RunningCheck, a_divergence_for_another_check_changes_nothing) {
  Target target;
  target.divergences = {{"RunningCheck.a_known_*", "x"}, {"Other.*", "y"}};
  InstalledRun run(target);
  const auto run_check = [] {
    RunningCheck check("errors");
    check.add_case(outcome("c", Verdict::kFailed, "m"));
  };
  EXPECT_NONFATAL_FAILURE(run_check(), "c: m");
  EXPECT_EQ(run.context.results().at(0).verdict, Verdict::kFailed);
}

TEST(RunningCheck, an_interrupt_before_the_check_skips_it) {
  InstalledRun run;
  run.context.session().set_stop([] { return std::string("SIGINT"); });
  {
    RunningCheck check("acceptance");
    check.add_case(outcome("not sent", Verdict::kInconclusive, "interrupted"));
  }
  const auto r = run.context.results().at(0);
  EXPECT_EQ(r.verdict, Verdict::kSkipped);
  EXPECT_EQ(r.message, "not run: the run was interrupted (SIGINT)");
  EXPECT_TRUE(r.exchanges.empty());
}

TEST(RunningCheck, an_interrupt_during_the_check_makes_it_inconclusive_unless_failed) {
  std::string stop;  // outlives the run whose session reads it
  InstalledRun run;
  run.context.session().set_stop([&] { return stop; });
  {
    RunningCheck check("acceptance");
    check.add_case(outcome("one", Verdict::kPassed));
    stop = "SIGTERM";
  }
  EXPECT_EQ(run.context.results().at(0).verdict, Verdict::kInconclusive);
  EXPECT_EQ(run.context.results().at(0).message, "interrupted (SIGTERM) after 1 cases");
  stop.clear();
  const auto run_check = [&] {
    RunningCheck check("acceptance");
    check.add_case(outcome("bad", Verdict::kFailed, "got 500"));
    stop = "SIGTERM";
  };
  EXPECT_NONFATAL_FAILURE(run_check(), "bad: got 500");
  EXPECT_EQ(run.context.results().at(1).verdict, Verdict::kFailed);
}

}  // namespace
}  // namespace conform::suite
