// Error bodies: complete, their codes documented and sent with the documented status, their
// RequestId equal to the request-id header, their Content-Type matching the format asked for.
#include <gtest/gtest.h>

#include "core/spec/evaluate.h"
#include "generators/styled_values.h"
#include "suites/requests.h"
#include "suites/running_check.h"

namespace conform::suite {
namespace {

TEST(errors, error_bodies_are_complete_and_documented) {
  RunningCheck check("errors");
  const auto& op = check.op();
  const auto base = minimal_valid_params(check.session());
  if (!base.params)
    return check.skip(base.missing);
  // One rejection per parameter rule is enough to see the error body; every format.
  for (const auto& rule : op.rules) {
    if (rule.check != spec::Check::kPresent)
      continue;
    for (const auto& format : op.transport.formats) {
      Probe probe = probe_for_format(op, format);
      for (const auto& p : *base.params) {
        if (!gen::carries(op, rule.param, p.name))  // a list leaves with all its wire keys
          probe.params.push_back(p);
      }
      auto outcome = check.run_case("without " + rule.param + ", " + format, probe,
                                    Expectation::rejection(op, rule));
      CaseOutcome body = outcome;
      body.description = "error body of: " + outcome.description;
      const auto& j = outcome.judgement;
      if (j.verdict == report::Verdict::kInconclusive || outcome.exchange.error)
        continue;
      std::string why;
      for (const auto& p : j.body_problems)
        why += (why.empty() ? "" : "; ") + p.message;
      if (j.got && !j.got->code.empty()) {
        const bool documented =
            std::any_of(op.errors.begin(), op.errors.end(), [&](const spec::ErrorCode& e) {
              return spec::answer_matches({e.http, e.code}, *j.got);
            });
        const bool known_code =
            std::any_of(op.errors.begin(), op.errors.end(), [&](const spec::ErrorCode& e) {
              return spec::answer_matches({j.got->http, e.code}, *j.got);
            });
        if (!documented) {
          why += std::string(why.empty() ? "" : "; ") +
                 (known_code ? j.got->code + " is documented with another HTTP status than " +
                                   std::to_string(j.got->http)
                             : j.got->code + " is not a documented code");
        }
      }
      body.judgement.verdict = why.empty() ? report::Verdict::kPassed : report::Verdict::kFailed;
      body.judgement.message = why.empty() ? "complete error body" : why;
      check.add_case(std::move(body));
    }
  }
}

}  // namespace
}  // namespace conform::suite
