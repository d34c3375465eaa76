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
  bool settled = true;                 // false: a different answer is an observation

  static Expectation success() { return {Kind::kSuccess, "", {}, true}; }
  static Expectation unsettled() { return {Kind::kUnsettled, "", {}, false}; }
  /// The rejection a rule's breach predicts: its outcome's answers, settled or not.
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

/// Judges an exchange against the expectation. Unreachable endpoints and transient answers
/// (the spec's transient outcomes, e.g. throttling) are inconclusive, never passed or failed; a
/// broken answer (cut body, bad framing) and any 5xx that is not transient are failures.
Judgement judge(const spec::Operation& op, const std::string& format, const Expectation& expected,
                const http::Exchange& exchange);

/// What the response checks need of an exchange: status, Content-Type, request-id header, body.
validate::Observed observed_of(const spec::Operation& op, const http::Exchange& exchange);

/// The answers as "400 Code | 404 Other" for messages.
std::string describe_answers(const std::vector<spec::Answer>& answers);

}  // namespace conform::suite
