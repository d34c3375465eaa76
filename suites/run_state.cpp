#include "suites/run_state.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace conform::suite {
namespace {

RunState* g_current = nullptr;

// Worst first: one failed case fails the check; otherwise an inconclusive case makes it
// inconclusive; observations only colour a check that nothing else decided.
int severity(Verdict v) {
  switch (v) {
    case Verdict::kFailed:
      return 4;
    case Verdict::kInconclusive:
      return 3;
    case Verdict::kObservation:
      return 2;
    case Verdict::kSkipped:
      return 1;
    case Verdict::kPassed:
      return 0;
  }
  return 0;
}

bool divergence_matches(const std::string& pattern, const std::string& name) {
  if (!pattern.empty() && pattern.back() == '*')
    return name.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  return pattern == name;
}

}  // namespace

RunState::RunState(std::unique_ptr<Session> session, std::uint64_t seed)
    : session_(std::move(session)), seed_(seed) {}

RunState& RunState::current() {
  if (!g_current)
    throw std::logic_error(
        "no conformance run is installed (run the suites through 'conform run')");
  return *g_current;
}

std::string check_spec_ref(const std::string& anchor) {
  return RunState::current().session().op().file + "#" + anchor;
}

bool RunState::installed() {
  return g_current != nullptr;
}
void RunState::install(RunState* state) {
  g_current = state;
}

void RunState::add(CheckResult result) {
  std::vector<std::function<void(const CheckResult&)>> listeners;
  {
    std::lock_guard lock(mutex_);
    results_.push_back(result);
    listeners = listeners_;
  }
  for (const auto& l : listeners)
    l(result);
}

void RunState::note_sent(const Probe& probe, const Expectation& expected) {
  std::lock_guard lock(mutex_);
  sent_.emplace_back(probe, expected);
}

std::vector<std::pair<Probe, Expectation>> RunState::sent() const {
  std::lock_guard lock(mutex_);
  return sent_;
}

std::vector<CheckResult> RunState::results() const {
  std::lock_guard lock(mutex_);
  return results_;
}

Check::Check(std::string kind, std::string name, std::string spec_ref)
    : started_(std::chrono::steady_clock::now()) {
  result_.kind = std::move(kind);
  result_.name = std::move(name);
  result_.spec_ref = std::move(spec_ref);
  result_.seed = RunState::current().seed();
  stopped_before_start_ = !session().stop_reason().empty();
}

CaseOutcome Check::run_case(const std::string& description, const Probe& probe,
                            const Expectation& expected) {
  const bool creates = expected.kind == Expectation::Kind::kSuccess;
  http::Exchange exchange;
  Judgement judgement;
  try {
    exchange = session().send(probe, creates);
    judgement = judge(op(), probe.format, expected, exchange);
  } catch (const OrderBudgetSpent& e) {
    judgement.verdict = Verdict::kSkipped;
    judgement.message = e.what();
  }
  RunState::current().note_sent(probe, expected);
  // Counted where a request is sent: add_case also takes outcomes derived from sent ones.
  result_.retries += static_cast<int>(exchange.retries.size());
  CaseOutcome outcome{description, probe, expected, judgement, std::move(exchange)};
  add_case(outcome);
  return outcome;
}

void Check::add_case(CaseOutcome outcome) {
  ++result_.cases;
  const auto v = outcome.judgement.verdict;
  if (severity(v) > severity(result_.verdict)) {
    result_.verdict = v;
    result_.message = outcome.description + ": " + outcome.judgement.message;
  }
  if (v != Verdict::kPassed && result_.failures.size() < 20)
    result_.failures.push_back(std::move(outcome));
}

void Check::skip(std::string reason) {
  skipped_ = true;
  result_.verdict = Verdict::kSkipped;
  result_.message = std::move(reason);
}

Check::~Check() {
  result_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (!skipped_ && result_.cases == 0) {
    result_.verdict = Verdict::kSkipped;
    result_.message = "no case could be made for this target";
  }
  // An interrupted check proved nothing either way unless a case already failed; the checks after
  // the interrupt only ran through their not-sent cases so that every check is listed.
  if (const auto stop = session().stop_reason(); !stop.empty()) {
    if (stopped_before_start_) {
      result_.verdict = Verdict::kSkipped;
      result_.message = "not run: the run was interrupted (" + stop + ")";
      result_.failures.clear();
    } else if (result_.verdict != Verdict::kFailed) {
      result_.verdict = Verdict::kInconclusive;
      result_.message = "interrupted (" + stop + ") after " + std::to_string(result_.cases) +
                        " cases" + (result_.message.empty() ? "" : "; " + result_.message);
    }
  }
  const std::string full_name = result_.kind + "." + result_.name;
  for (const auto& d : RunState::current().session().target().divergences) {
    if (!divergence_matches(d.check, full_name) && !divergence_matches(d.check, result_.name))
      continue;
    result_.divergence = d.reason;
    if (result_.verdict == Verdict::kFailed) {
      result_.verdict = Verdict::kObservation;
      result_.message = "known divergence (" + d.reason + "): " + result_.message;
    } else if (result_.verdict == Verdict::kPassed) {
      result_.verdict = Verdict::kObservation;
      result_.message = "stale divergence: the check passes now; remove \"" + d.check +
                        "\" from the target (" + d.reason + ")";
    }
  }
  const auto verdict = result_.verdict;
  const auto message = result_.message;
  RunState::current().add(std::move(result_));
  if (verdict == Verdict::kFailed) {
    ADD_FAILURE() << message;
  } else if (verdict == Verdict::kSkipped) {
    std::printf("  skipped: %s\n", message.c_str());
  }
}

}  // namespace conform::suite
