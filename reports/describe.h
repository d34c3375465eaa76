#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reports/result.h"

// The words every report uses for the same facts, so JUnit, HTML and the terminal never disagree
// on how an answer or a spec reference reads.
namespace conform::report {

/// "400 InvalidPeriod.Malformed"; a bare status when the answer has no code.
std::string answer_text(const spec::Answer& answer);

/// "400 A or 404 B"; "(none listed)" when empty.
std::string accepted_text(const std::vector<spec::Answer>& answers);

/// "400 InvalidPeriod.Malformed (application/json)", or "no HTTP answer".
std::string observed_text(const Observed& observed);

/// "specs/x.json#/rules/3 (period_in_range)".
std::string spec_ref_text(const SpecRef& ref);

/// The check's seed if it has one, else the run's.
std::uint64_t effective_seed(const CheckResult& check, const RunInfo& run);

/// The check's replay command, or the last exchange's when the check has none.
std::string replay_of(const CheckResult& check);

/// One line for a failure message: the rule, what the contract accepts, what came back, why.
std::string failure_line(const CheckResult& check);

/// The request as text: request line, headers, blank line, body (pretty-printed).
std::string request_text(const http::Exchange& exchange);

/// The response as text: status line, headers, blank line, body (pretty-printed); or the
/// transport error when no response arrived.
std::string response_text(const http::Exchange& exchange);

/// Everything a reader needs to act on a check, as plain text: the JUnit failure body.
std::string details_text(const CheckResult& check, const RunInfo& run);

}  // namespace conform::report
