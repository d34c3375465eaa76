#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/http/exchange.h"
#include "suites/judge.h"
#include "suites/probe.h"
#include "suites/session.h"

namespace conform::suite {

/// One request a check sent and what became of it.
struct CaseOutcome {
  std::string description;
  Probe probe;
  Expectation expected;
  Judgement judgement;
  http::Exchange exchange;
};

/// The result of one check (one GoogleTest test): its verdict and the cases behind it.
struct CheckResult {
  std::string kind;
  std::string name;
  std::string spec_ref;  // "file#rule-id" or "file:/pointer"
  Verdict verdict = Verdict::kPassed;
  std::string message;
  std::string divergence;  // the target's known-divergence reason, when one applied
  std::uint64_t seed = 0;
  int cases = 0;
  int retries = 0;  // over every case, passed ones included (throttling shows here first)
  std::vector<CaseOutcome> failures;  // failed, inconclusive and observed cases (the evidence)
  std::optional<CaseOutcome> counterexample;  // the smallest failing case, when shrinking found one
  double seconds = 0;
};

/// The run everything reports into: the session, the seed and the results so far. Checks reach
/// it through `RunState::current()`; `conform run` installs it before running the tests.
class RunState {
 public:
  RunState(std::unique_ptr<Session> session, std::uint64_t seed);
  static RunState& current();
  static bool installed();
  static void install(RunState* state);

  Session& session() { return *session_; }
  std::uint64_t seed() const { return seed_; }

  /// Every probe sent, for the coverage matrix: what it carried and the rule it was meant to break.
  void note_sent(const Probe& probe, const Expectation& expected);
  std::vector<std::pair<Probe, Expectation>> sent() const;

  /// Called when a check finishes; listeners (report writers, the terminal) see each result.
  void add(CheckResult result);
  std::vector<CheckResult> results() const;
  void on_result(std::function<void(const CheckResult&)> listener) {
    listeners_.push_back(std::move(listener));
  }

 private:
  std::unique_ptr<Session> session_;
  std::uint64_t seed_;
  mutable std::mutex mutex_;
  std::vector<CheckResult> results_;
  std::vector<std::pair<Probe, Expectation>> sent_;
  std::vector<std::function<void(const CheckResult&)>> listeners_;
};

/// One check in progress. Cases are added as they are judged; at scope end the verdict goes to the
/// run and, when the check failed, to GoogleTest as a failure naming the first failing case.
class Check {
 public:
  Check(std::string kind, std::string name, std::string spec_ref);
  ~Check();
  Check(const Check&) = delete;
  Check& operator=(const Check&) = delete;

  Session& session() { return RunState::current().session(); }
  const spec::Operation& op() { return session().op(); }

  /// Sends a probe, judges it and records the case; returns the case (judgement and exchange).
  CaseOutcome run_case(const std::string& description, const Probe& probe,
                       const Expectation& expected);
  /// Records a case judged elsewhere (e.g. a property's counterexample).
  void add_case(CaseOutcome outcome);
  /// The check cannot run on this target; the reason goes to the report.
  void skip(std::string reason);
  void set_counterexample(CaseOutcome outcome) { result_.counterexample = std::move(outcome); }
  Verdict verdict() const { return result_.verdict; }

 private:
  CheckResult result_;
  bool skipped_ = false;
  bool stopped_before_start_ = false;  // the run was interrupted before this check began
  std::chrono::steady_clock::time_point started_;
};

/// "spec-file#anchor": where in the contract a check comes from.
std::string check_spec_ref(const std::string& anchor);

}  // namespace conform::suite
