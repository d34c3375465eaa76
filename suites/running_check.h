#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/http/exchange.h"
#include "reports/result.h"
#include "suites/judge.h"
#include "suites/probe.h"
#include "suites/run_context.h"
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

/// One check in progress, inside the GoogleTest test that runs it: the test's suite name is the
/// check's kind and its name the check's name. Cases are added as they are judged; at scope end
/// the check's report record goes to the run and, when the check failed, to GoogleTest as a
/// failure naming the first failing case.
class RunningCheck {
 public:
  /// `anchor` names where in the contract the check comes from (a rule id or a section).
  explicit RunningCheck(std::string anchor);
  ~RunningCheck();
  RunningCheck(const RunningCheck&) = delete;
  RunningCheck& operator=(const RunningCheck&) = delete;

  Session& session() { return RunContext::current().session(); }
  const spec::Operation& op() { return session().op(); }

  /// Sends a probe, judges it and records the case; returns the case (judgement and exchange).
  CaseOutcome run_case(const std::string& description, const Probe& probe,
                       const Expectation& expected);
  /// Judges an exchange sent elsewhere (in a batch) and records the case as run_case would have.
  /// A probe the billing guard holds back (see held_back) is recorded as run_case records it.
  CaseOutcome record_sent(const std::string& description, const Probe& probe,
                          const Expectation& expected, http::Exchange exchange);
  /// Whether run_case would hold this probe back unsent (the billing guard); a batch must not send
  /// it either.
  bool held_back(const Probe& probe) { return charging_value(probe).has_value(); }
  /// Records a case judged elsewhere (e.g. a property's counterexample).
  void add_case(CaseOutcome outcome);
  /// The check cannot run on this target; the reason goes to the report.
  void skip(std::string reason);
  void set_counterexample(CaseOutcome outcome) { counterexample_ = std::move(outcome); }
  void set_shrink(report::Shrink shrink) { shrink_ = shrink; }

 private:
  report::CheckResult record();
  CaseOutcome not_sent_charging(const std::string& description, const Probe& probe,
                                const Expectation& expected, const std::string& charging);
  // What every case that went out shares: coverage, retries and the check's record of it.
  CaseOutcome finish(const std::string& description, const Probe& probe,
                     const Expectation& expected, Judgement judgement, http::Exchange exchange);
  /// The first occurrence of the charge parameter with a value that may charge, when the billing
  /// guard is on for this target.
  std::optional<std::string> charging_value(const Probe& probe);

  std::string kind_;
  std::string name_;
  std::string anchor_;
  report::Verdict verdict_ = report::Verdict::kPassed;
  std::string message_;
  int cases_ = 0;
  int retries_ = 0;  // over every case, passed ones included (throttling shows here first)
  std::vector<CaseOutcome> failures_;  // failed, inconclusive and observed cases (the evidence)
  std::optional<CaseOutcome>
      counterexample_;  // the smallest failing case, when shrinking found one
  std::optional<report::Shrink> shrink_;
  bool skipped_ = false;
  bool stopped_before_start_ = false;  // the run was interrupted before this check began
  std::chrono::steady_clock::time_point started_;
};

}  // namespace conform::suite
