#include "suites/running_check.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>

namespace conform::suite {
namespace {

using report::Verdict;

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

RunningCheck::RunningCheck(std::string anchor)
    : anchor_(std::move(anchor)), started_(std::chrono::steady_clock::now()) {
  // The kind and name are the running test's: TEST(kind, name).
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  if (!test)
    throw std::logic_error("a check runs inside a GoogleTest test");
  kind_ = test->test_suite_name();
  name_ = test->name();
  stopped_before_start_ = !session().stop_reason().empty();
}

std::optional<std::string> RunningCheck::charging_value(const Probe& probe) {
  const auto& rule = session().charge_rule();
  if (!rule)
    return std::nullopt;
  client::Request as_sent;
  as_sent.query = probe.params;
  return client::charging_occurrence(as_sent, *rule);
}

CaseOutcome RunningCheck::not_sent_charging(const std::string& description, const Probe& probe,
                                            const Expectation& expected,
                                            const std::string& charging) {
  // Its point is a value that may charge: sent with another value it would be another case.
  Judgement judgement;
  judgement.verdict = Verdict::kSkipped;
  judgement.message = "not sent: the case carries " + charging +
                      ", which may charge on an endpoint that is not loopback "
                      "(--allow-billable sends it)";
  CaseOutcome outcome{description, probe, expected, std::move(judgement), http::Exchange{}};
  add_case(outcome);
  return outcome;
}

CaseOutcome RunningCheck::finish(const std::string& description, const Probe& probe,
                                 const Expectation& expected, Judgement judgement,
                                 http::Exchange exchange) {
  RunContext::current().note_sent(probe, expected);
  // Counted where a request is sent: add_case also takes outcomes derived from sent ones.
  retries_ += static_cast<int>(exchange.retries.size());
  CaseOutcome outcome{description, probe, expected, std::move(judgement), std::move(exchange)};
  if (outcome.judgement.verdict == Verdict::kPassed) {
    // Only failures keep their record: a passed case is counted and handed back, not copied.
    ++cases_;
    return outcome;
  }
  add_case(outcome);
  return outcome;
}

CaseOutcome RunningCheck::run_case(const std::string& description, const Probe& probe,
                                   const Expectation& expected) {
  if (const auto charging = charging_value(probe))
    return not_sent_charging(description, probe, expected, *charging);
  const bool creates = expected.kind == Expectation::Kind::kSuccess;
  http::Exchange exchange;
  Judgement judgement;
  try {
    exchange = session().send(probe, creates);
    judgement = judge(op(), probe.format, expected, exchange);
  } catch (const OrderBudgetSpent& e) {
    // A budget that stops a check leaves it undecided, never passed.
    judgement.verdict = Verdict::kInconclusive;
    judgement.message = std::string("not sent: ") + e.what();
  }
  return finish(description, probe, expected, std::move(judgement), std::move(exchange));
}

CaseOutcome RunningCheck::record_sent(const std::string& description, const Probe& probe,
                                      const Expectation& expected, http::Exchange exchange) {
  if (const auto charging = charging_value(probe))
    return not_sent_charging(description, probe, expected, *charging);
  auto judgement = judge(op(), probe.format, expected, exchange);
  return finish(description, probe, expected, std::move(judgement), std::move(exchange));
}

void RunningCheck::add_case(CaseOutcome outcome) {
  ++cases_;
  const auto v = outcome.judgement.verdict;
  if (severity(v) > severity(verdict_)) {
    verdict_ = v;
    message_ = outcome.description + ": " + outcome.judgement.message;
  }
  if (v != Verdict::kPassed && failures_.size() < 20)
    failures_.push_back(std::move(outcome));
}

void RunningCheck::skip(std::string reason) {
  skipped_ = true;
  verdict_ = Verdict::kSkipped;
  message_ = std::move(reason);
}

report::CheckResult RunningCheck::record() {
  report::CheckResult out;
  out.kind = kind_;
  out.name = name_;
  out.spec = {op().file, anchor_, ""};
  out.verdict = verdict_;
  out.message = message_;
  out.duration = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started_);
  out.cases_sent = cases_;
  // The deciding case: the shrunk counterexample when there is one, else the first case of the
  // worst verdict (the one the message names), not an inconclusive case before a failed one.
  const CaseOutcome* deciding = counterexample_ ? &*counterexample_ : nullptr;
  if (!deciding) {
    for (const auto& f : failures_) {
      if (!deciding || severity(f.judgement.verdict) > severity(deciding->judgement.verdict))
        deciding = &f;
    }
  }
  if (deciding) {
    // The rule the deciding case broke is the precise place in the contract.
    if (!deciding->expected.rule_id.empty())
      out.spec.rule = deciding->expected.rule_id;
    out.expected = deciding->expected.accepted;
    if (deciding->judgement.got || deciding->exchange.status != 0) {
      out.observed = report::Observed{
          deciding->exchange.status, deciding->judgement.got ? deciding->judgement.got->code : "",
          http::find_header(deciding->exchange.response_headers, "content-type").value_or("")};
    }
    report::Counterexample cx{deciding->description + " (" + describe_style(deciding->probe) + ")",
                              {}};
    for (const auto& p : deciding->probe.params)
      cx.parameters.emplace_back(p.name, p.value);
    out.counterexample = std::move(cx);
    out.replay_command = deciding->exchange.replay_command;
    out.exchanges.push_back(deciding->exchange);
  }
  for (const auto& f : failures_) {
    if (out.exchanges.size() >= 5)
      break;
    if (&f != deciding)
      out.exchanges.push_back(f.exchange);
  }
  out.retries = retries_;
  out.shrink = shrink_;
  return out;
}

RunningCheck::~RunningCheck() {
  if (!skipped_ && cases_ == 0) {
    verdict_ = Verdict::kSkipped;
    message_ = "no case could be made for this target";
  }
  // An interrupted check proved nothing either way unless a case already failed; the checks after
  // the interrupt only ran through their not-sent cases so that every check is listed.
  if (const auto stop = session().stop_reason(); !stop.empty()) {
    if (stopped_before_start_) {
      verdict_ = Verdict::kSkipped;
      message_ = "not run: the run was interrupted (" + stop + ")";
      failures_.clear();
    } else if (verdict_ != Verdict::kFailed) {
      verdict_ = Verdict::kInconclusive;
      message_ = "interrupted (" + stop + ") after " + std::to_string(cases_) + " cases" +
                 (message_.empty() ? "" : "; " + message_);
    }
  }
  const std::string full_name = kind_ + "." + name_;
  for (const auto& d : session().target().divergences) {
    if (!divergence_matches(d.check, full_name) && !divergence_matches(d.check, name_))
      continue;
    if (verdict_ == Verdict::kFailed) {
      verdict_ = Verdict::kObservation;
      message_ = "known divergence (" + d.reason + "): " + message_;
    } else if (verdict_ == Verdict::kPassed) {
      verdict_ = Verdict::kObservation;
      message_ = "stale divergence: the check passes now; remove \"" + d.check +
                 "\" from the target (" + d.reason + ")";
    }
  }
  RunContext::current().add(record());
  if (verdict_ == Verdict::kFailed) {
    ADD_FAILURE() << message_;
  } else if (verdict_ == Verdict::kSkipped) {
    std::printf("  skipped: %s\n", message_.c_str());
  }
}

}  // namespace conform::suite
