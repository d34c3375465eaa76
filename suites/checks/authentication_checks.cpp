// Authentication: each protocol rule of the spec, broken one at a time in each signature scheme,
// gets the outcome the contract names.
#include <gtest/gtest.h>

#include "core/spec/evaluate.h"
#include "suites/requests.h"
#include "suites/running_check.h"

namespace conform::suite {
namespace {

struct TamperCase {
  Tamper tamper;
  spec::Check breaks;
};

const std::vector<TamperCase>& tamper_cases() {
  static const std::vector<TamperCase> cases = {
      {Tamper::kWrongAction, spec::Check::kAction},
      {Tamper::kWrongVersion, spec::Check::kVersion},
      {Tamper::kMissingSignature, spec::Check::kCredentialsPresent},
      {Tamper::kMalformedTimestamp, spec::Check::kTimestampFormat},
      {Tamper::kUnknownAccessKey, spec::Check::kAccessKey},
      {Tamper::kWrongSecret, spec::Check::kSignature},
      {Tamper::kChangedAfterSigning, spec::Check::kSignature},
      {Tamper::kStaleTimestamp, spec::Check::kTimestampWindow},
      {Tamper::kReusedNonce, spec::Check::kNonceUnique},
  };
  return cases;
}

void run_tampers(RunningCheck& check, spec::SignatureScheme scheme) {
  const auto& op = check.op();
  if (std::find(op.transport.signatures.begin(), op.transport.signatures.end(), scheme) ==
      op.transport.signatures.end()) {
    return check.skip("the spec does not document signature " +
                      std::string(spec::to_string(scheme)));
  }
  const auto base = minimal_valid_params(check.session());
  if (!base.params)
    return check.skip(base.missing);
  for (const auto& t : tamper_cases()) {
    const auto rule = std::find_if(op.rules.begin(), op.rules.end(),
                                   [&](const spec::Rule& r) { return r.check == t.breaks; });
    if (rule == op.rules.end())
      continue;  // the protocol spec has no such rule
    Probe probe;
    probe.scheme = client_scheme(scheme);
    probe.params = *base.params;
    if (t.tamper == Tamper::kReusedNonce) {
      // The nonce must first be used by a request the endpoint accepts.
      check.run_case("a valid request whose nonce is reused next", probe, Expectation::success());
    }
    probe.tamper = t.tamper;
    check.run_case(std::string(gen::to_string(t.tamper)), probe, Expectation::rejection(op, *rule));
  }
}

TEST(authentication, signature_v1_failures) {
  RunningCheck check("rules");
  run_tampers(check, spec::SignatureScheme::kV1);
}

TEST(authentication, signature_v3_failures) {
  RunningCheck check("rules");
  run_tampers(check, spec::SignatureScheme::kV3);
}

}  // namespace
}  // namespace conform::suite
