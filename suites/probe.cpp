#include "suites/probe.h"

namespace conform::suite {

std::string_view to_string(Tamper tamper) {
  switch (tamper) {
    case Tamper::kNone:
      return "none";
    case Tamper::kWrongSecret:
      return "wrong secret";
    case Tamper::kUnknownKey:
      return "unknown AccessKey";
    case Tamper::kChangedAfterSigning:
      return "parameter changed after signing";
    case Tamper::kStaleTimestamp:
      return "stale timestamp";
    case Tamper::kMalformedTimestamp:
      return "malformed timestamp";
    case Tamper::kReusedNonce:
      return "reused nonce";
    case Tamper::kWrongAction:
      return "wrong Action";
    case Tamper::kWrongVersion:
      return "wrong Version";
    case Tamper::kMissingSignature:
      return "missing signature";
  }
  return "?";
}

std::string describe_style(const Probe& p) {
  const char* where = p.placement == client::ParamsIn::kQuery  ? "query"
                      : p.placement == client::ParamsIn::kBody ? "form body"
                                                               : "query and form body";
  return std::string(p.scheme == client::SignatureVersion::kV1 ? "V1 " : "V3 ") + p.method + " " +
         where + " " + p.format +
         (p.tamper == Tamper::kNone ? "" : ", " + std::string(to_string(p.tamper)));
}

}  // namespace conform::suite
