#include "suites/judge.h"

#include "core/spec/evaluate.h"

namespace conform::suite {
namespace {

constexpr int kServiceUnavailable = 503;

bool is_transient(const spec::Operation& op, const spec::Answer& got) {
  for (const auto& outcome : op.outcomes) {
    if (!outcome.transient)
      continue;
    for (const auto& a : outcome.accept) {
      if (spec::answer_matches(a, got))
        return true;
    }
  }
  return false;
}

std::string problems_text(const std::vector<validate::Problem>& problems) {
  std::string out;
  for (const auto& p : problems)
    out += (out.empty() ? "" : "; ") + p.message;
  return out;
}

}  // namespace

bool answer_is_broken(http::TransportErrorKind kind) {
  using K = http::TransportErrorKind;
  switch (kind) {
    case K::kProtocol:
    case K::kBodyIncomplete:
    case K::kBodyTooLarge:
      return true;
    case K::kConnectFailed:
    case K::kConnectTimeout:
    case K::kTimeout:
    case K::kTls:
    case K::kNoResponse:
    case K::kConnectionReset:
    case K::kSendFailed:
    case K::kNotSent:
    case K::kOther:
      return false;
  }
  return false;
}

Expectation Expectation::rejection(const spec::Operation& op, const spec::Rule& rule) {
  const auto& outcome = op.outcome_of(rule);
  return {Kind::kRejection, rule.id, spec::accepted_answers(op, rule), outcome.settled,
          outcome.rejection_settled};
}

validate::Observed observed_of(const spec::Operation& op, const http::Exchange& e) {
  return {e.status, http::find_header(e.response_headers, "content-type").value_or(""),
          http::find_header(e.response_headers, op.protocol.request_id_header), e.response_body};
}

std::string describe_answers(const std::vector<spec::Answer>& answers) {
  std::string out;
  for (const auto& a : answers)
    out += (out.empty() ? "" : " | ") + std::to_string(a.http) + " " + a.code;
  return out;
}

Judgement judge(const spec::Operation& op, const std::string& format, const Expectation& expected,
                const http::Exchange& exchange) {
  using Kind = Expectation::Kind;
  Judgement j;
  if (exchange.error) {
    j.verdict = answer_is_broken(exchange.error->kind) ? report::Verdict::kFailed
                                                       : report::Verdict::kInconclusive;
    j.message =
        std::string(j.verdict == report::Verdict::kFailed ? "broken answer: " : "no answer: ") +
        std::string(http::to_string(exchange.error->kind)) + ": " + exchange.error->message;
    return j;
  }
  const auto observed = observed_of(op, exchange);
  if (observed.http >= 200 && observed.http < 300) {
    j.got = spec::Answer{observed.http, ""};
    j.body_problems = validate::check_success(op, format, observed);
    switch (expected.kind) {
      case Kind::kSuccess:
        j.verdict = j.body_problems.empty() ? report::Verdict::kPassed : report::Verdict::kFailed;
        j.message = j.body_problems.empty() ? "accepted with a well-formed body"
                                            : "accepted, but the body breaks the response shape: " +
                                                  problems_text(j.body_problems);
        return j;
      case Kind::kRejection:
        j.verdict = expected.settled || expected.rejection_settled ? report::Verdict::kFailed
                                                                   : report::Verdict::kObservation;
        j.message = "accepted a request that breaks rule " + expected.rule_id + " (expected " +
                    (expected.settled ? describe_answers(expected.accepted) : "a rejection") + ")";
        return j;
      case Kind::kUnsettled:
        j.verdict = report::Verdict::kObservation;
        j.message = "accepted (HTTP " + std::to_string(observed.http) + ")";
        return j;
    }
  }
  if (observed.http < 400) {
    j.verdict = report::Verdict::kFailed;
    j.message = "HTTP " + std::to_string(observed.http) + " is neither success nor error";
    return j;
  }
  const auto reading = validate::read_error(op, format, observed);
  j.body_problems = reading.problems;
  j.got = reading.answer ? *reading.answer : spec::Answer{observed.http, ""};
  // The body's problems travel with the code: without a code they are why none could be read (a
  // DOCTYPE, a nesting bomb, bytes that are not UTF-8), and with one they still break the contract.
  const std::string answer_text = std::to_string(observed.http) + " " +
                                  (reading.answer ? reading.answer->code : "(no code)") +
                                  (reading.message.empty() ? "" : " \"" + reading.message + "\"");
  const std::string got_text =
      answer_text + (reading.problems.empty() ? "" : " [" + problems_text(reading.problems) + "]");
  // The client retries 5xx answers within its budget, so this one is the server's last word.
  // Only unavailability says nothing about the request; any other server error is a failure.
  if (observed.http == kServiceUnavailable) {
    j.verdict = report::Verdict::kInconclusive;
    j.message = "service unavailable: " + got_text + " (after retries)";
    return j;
  }
  if (observed.http >= 500) {
    j.verdict = report::Verdict::kFailed;
    j.message = "server error " + got_text + " (after retries)";
    return j;
  }
  if (reading.answer && is_transient(op, *reading.answer)) {
    j.verdict = report::Verdict::kInconclusive;
    j.message = "transient answer " + got_text + " (after retries)";
    return j;
  }
  switch (expected.kind) {
    case Kind::kSuccess:
      j.verdict = report::Verdict::kFailed;
      j.message = "rejected a valid request: " + got_text;
      return j;
    case Kind::kUnsettled:
      j.verdict = report::Verdict::kObservation;
      j.message = "rejected: " + got_text;
      return j;
    case Kind::kRejection: {
      const bool accepted =
          reading.answer && std::any_of(expected.accepted.begin(), expected.accepted.end(),
                                        [&](const spec::Answer& a) {
                                          return spec::answer_matches(a, *reading.answer);
                                        });
      if (!reading.problems.empty()) {
        // The error body is part of the contract whatever the code: its defect fails on its own.
        j.verdict = report::Verdict::kFailed;
        j.message = "rule " + expected.rule_id +
                    ": the error body breaks the contract: " + problems_text(reading.problems) +
                    " (got " + answer_text + ")";
      } else if (accepted) {
        j.verdict = report::Verdict::kPassed;
        j.message = "rejected as the contract says: " + got_text;
      } else {
        j.verdict = expected.settled ? report::Verdict::kFailed : report::Verdict::kObservation;
        j.message = "rule " + expected.rule_id + ": expected " +
                    describe_answers(expected.accepted) + ", got " + got_text;
      }
      return j;
    }
  }
  return j;
}

}  // namespace conform::suite
