#pragma once

#include <optional>
#include <string>

#include "client/request_builder.h"
#include "core/sign/params.h"

namespace conform::suite {

/// A protocol-level break applied when a request is signed, so the rest of the request stays
/// valid and only the authentication rule under test is broken.
enum class Tamper {
  kNone,
  kWrongSecret,          // signed with another secret
  kUnknownKey,           // signed by a key the endpoint does not know
  kChangedAfterSigning,  // one parameter changed once the signature was made
  kStaleTimestamp,       // a time outside the accepted skew
  kMalformedTimestamp,   // a time not in yyyy-MM-ddTHH:mm:ssZ
  kReusedNonce,          // the nonce of an earlier accepted request
  kWrongAction,
  kWrongVersion,
  kMissingSignature,
};
std::string_view to_string(Tamper tamper);

/// How one request is sent: the operation parameters (unsigned), the signing style and any
/// tampering. The session signs it at send time, so every attempt and every shrink candidate
/// carries a fresh, correct signature.
struct Probe {
  std::string method = "POST";
  client::ParamsIn placement = client::ParamsIn::kQuery;
  client::SignatureVersion scheme = client::SignatureVersion::kV3;
  std::string format = "JSON";
  sign::Params params;
  Tamper tamper = Tamper::kNone;
};

/// "V3 POST query JSON" and the like, for messages.
std::string describe_style(const Probe& probe);

}  // namespace conform::suite
