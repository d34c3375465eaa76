#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/http/exchange.h"
#include "core/spec/model.h"
#include "core/validate/response_check.h"
#include "reports/result.h"

namespace conform::suite {

/// What the contract predicts for one request.
struct Expectation {
  enum class Kind { kSuccess, kRejection, kUnsettled };
  Kind kind = Kind::kSuccess;
  std::string rule_id;                 // the rule a rejection breaks
  std::vector<spec::Answer> accepted;  // may hold an open Missing{param} template
  bool settled = true;                 // the answer itself: another status or code is a failure
  // Partly settled: that the request is rejected (a 4xx) is settled, the code is not. A 2xx is a
  // failure, a 4xx with another code an observation. Implied by `settled`.
  bool rejection_settled = false;

  static Expectation success() { return {Kind::kSuccess, "", {}, true, true}; }
  static Expectation unsettled() { return {Kind::kUnsettled, "", {}, false, false}; }
  /// The rejection a rule's breach predicts: its outcome's answers and how far they are settled.
  static Expectation rejection(const spec::Operation& op, const spec::Rule& rule);
};

/// The verdict on one exchange, with what came back and why.
struct Judgement {
  report::Verdict verdict = report::Verdict::kPassed;
  std::string message;
  std::optional<spec::Answer> got;
  std::vector<validate::Problem> body_problems;  // shape problems of the answer's body
};

/// Whether a transport error proves the server broke HTTP (failed) rather than leaving the answer
/// unknown (inconclusive). Broken: bytes arrived that no conformant server sends (a status line
/// that is not HTTP, a body closed cleanly short of its Content-Length, a body beyond the cap).
/// Unknown: nothing to judge arrived, and a network path can do that to a conformant server
/// (refused, timed out, reset, closed before any byte, TLS, not sent by the runner).
bool answer_is_broken(http::TransportErrorKind kind);

/// Judges an exchange (the last one, after the client's retries) against the expectation.
/// Inconclusive, never passed or failed: unreachable endpoints, a 503, and the spec's transient
/// client errors (throttling). Failures: a broken answer (cut body, bad framing), any other 5xx,
/// and, where a rejection is expected, an error body that breaks the protocol's error shape
/// (fields, RequestId equal to the request-id header, Content-Type for the format).
Judgement judge(const spec::Operation& op, const std::string& format, const Expectation& expected,
                const http::Exchange& exchange);

/// What the response checks need of an exchange: status, Content-Type, request-id header, body.
validate::Observed observed_of(const spec::Operation& op, const http::Exchange& exchange);

/// The answers as "400 Code | 404 Other" for messages.
std::string describe_answers(const std::vector<spec::Answer>& answers);

}  // namespace conform::suite
