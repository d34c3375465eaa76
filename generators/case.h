#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/evaluate.h"
#include "core/spec/model.h"

// A test case as the generators hand it to a runner: the unsigned operation parameters and how to
// send them. Common and signing parameters are absent on purpose: the client adds them when it
// signs at send time, so a case never holds a secret and every shrink candidate is re-signed.
namespace conform::gen {

enum class CaseKind {
  kValid,        // every rule holds: the service must succeed
  kInvalid,      // breaks exactly one rule: the service must give one of `accepted`
  kObservation,  // the contract does not settle the answer: report it, never fail on it
};

enum class Method { kGet, kPost };

/// Where the operation parameters travel; GET has no body, so it only uses kQuery.
enum class Placement { kQuery, kBody, kSplit };

enum class ResponseFormat { kJson, kXml };

/// A protocol-level break the client applies while signing. Each one breaks the protocol rule of
/// one check (see oracle.h), so a spec without that rule gets no such case.
enum class Tamper {
  kNone,
  kWrongSecret,          // sign with another secret than the key's
  kUnknownAccessKey,     // an AccessKey ID the service does not know
  kChangedAfterSigning,  // change a parameter value after computing the signature
  kStaleTimestamp,       // a well-formed time outside the accepted skew
  kMalformedTimestamp,   // a time not in yyyy-MM-ddTHH:mm:ssZ form
  kReusedNonce,          // send a nonce already used within its window
  kWrongAction,          // an Action that names no operation
  kWrongVersion,         // a Version that is not the product's
  kMissingSignature,     // leave the signature out
};

/// How a case uses the operation's idempotency token.
enum class TokenReuse {
  kNone,
  kSameRequest,       // send the case twice with the same token: the same result both times
  kDifferentRequest,  // first send `params`, then the same token with `reuse_params`
};

struct Param {
  std::string name;
  std::string value;  // decoded wire text; the client percent-encodes it
  spec::Location location = spec::Location::kQuery;
  bool secret = false;  // the spec marks it secret: reports print a mask, never the value

  friend bool operator==(const Param&, const Param&) = default;
};

struct Case {
  std::string description;  // what the case sends, e.g. a value and the condition it is under
  CaseKind kind = CaseKind::kValid;
  Method method = Method::kGet;
  Placement placement = Placement::kQuery;
  spec::SignatureScheme signature = spec::SignatureScheme::kV1;
  ResponseFormat format = ResponseFormat::kJson;
  std::vector<Param> params;  // in spec order; a name may repeat only in observation cases

  // Invalid cases: the rule broken first and what it may answer. Observation cases carry the
  // model's prediction here (empty rule: the model predicts success).
  std::string rule_id;
  std::string outcome_id;  // the outcome of that rule (or of a reused idempotency token)
  std::vector<spec::Answer> accepted;
  bool settled = true;  // false: a different answer is an observation, not a failure
  // Partly settled: a 4xx is settled, its code open (implied by `settled`).
  bool rejection_settled = true;

  Tamper tamper = Tamper::kNone;
  TokenReuse reuse = TokenReuse::kNone;
  std::vector<Param> reuse_params;  // kDifferentRequest: the second request, same token

  // True when the case sends the spec's charge parameter with another value than its safe value:
  // a runner must not send it to a real endpoint unless the user opted in to being charged.
  bool charges = false;

  friend bool operator==(const Case&, const Case&) = default;
};

/// A case the generators could not make, and why (no resource in the state it needs, ...).
struct Skip {
  std::string what;  // the rule id or the parameter the case was for
  std::string reason;

  friend bool operator==(const Skip&, const Skip&) = default;
};

struct CaseSet {
  std::vector<Case> cases;
  std::vector<Skip> skipped;
};

std::string_view to_string(CaseKind kind);
std::string_view to_string(Method method);
std::string_view to_string(Placement placement);
std::string_view to_string(ResponseFormat format);
std::string_view to_string(Tamper tamper);
std::string_view to_string(TokenReuse reuse);

/// The parameters as the rules engine reads them (a repeated name keeps its first value).
spec::ParamMap param_map(const std::vector<Param>& params);

/// One line for a report: kind, description, envelope, tamper, then the parameters, secret ones
/// masked. The description is built from values, so a case with a secret parameter says so instead.
std::string describe(const Case& c);

/// RapidCheck prints counterexamples with this.
std::ostream& operator<<(std::ostream& os, const Case& c);

}  // namespace conform::gen
