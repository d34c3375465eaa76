#include "suites/sign_probe.h"

#include <chrono>

#include "client/clock.h"

namespace conform::suite {

SignedProbe sign_probe(const spec::Operation& op, const client::Endpoint& endpoint,
                       client::Credentials credentials, const Probe& probe,
                       const std::optional<std::string>& reused_nonce) {
  client::SignOptions o;
  o.action = op.action;
  o.version = op.version;
  o.signature_version = probe.scheme;
  o.method = probe.method;
  o.params_in = probe.placement;
  o.format = probe.format;
  switch (probe.tamper) {
    case Tamper::kWrongSecret:
      credentials.access_key_secret += "-wrong";
      break;
    case Tamper::kUnknownAccessKey:
      credentials.access_key_id = "conform-unknown-key";
      break;
    case Tamper::kStaleTimestamp:
      o.timestamp = client::utc_timestamp(std::chrono::system_clock::now() - std::chrono::hours(2));
      break;
    case Tamper::kMalformedTimestamp:
      o.timestamp = "2020-01-01 00:00:00";
      break;
    case Tamper::kReusedNonce:
      o.nonce = reused_nonce;
      break;
    case Tamper::kWrongAction:
      o.action += "Nonexistent";
      break;
    case Tamper::kWrongVersion:
      o.version = "2000-01-01";
      break;
    case Tamper::kChangedAfterSigning:
    case Tamper::kMissingSignature:
      o.params_in = client::ParamsIn::kQuery;  // so the change is one query edit
      break;
    case Tamper::kNone:
      break;
  }
  if (!o.nonce)
    o.nonce = client::random_uuid();

  SignedProbe out{client::build_request(endpoint, probe.params, credentials, o), *o.nonce};
  if (probe.tamper == Tamper::kChangedAfterSigning && !probe.params.empty()) {
    client::set_query_param(out.request, probe.params.front().name,
                            probe.params.front().value + "0");
  } else if (probe.tamper == Tamper::kChangedAfterSigning) {
    // An operation with no parameter to change (all optional): change the signed nonce instead,
    // wherever the scheme put it. It is still fresh, so only the signature is broken.
    for (const auto& p : out.request.query) {
      if (p.value == out.nonce) {
        const std::string name = p.name;
        client::set_query_param(out.request, name, out.nonce + "0");
        break;
      }
    }
    for (const auto& h : out.request.headers) {
      if (h.value == out.nonce) {
        const std::string name = h.name;
        client::set_header(out.request, name, out.nonce + "0");
        break;
      }
    }
  }
  if (probe.tamper == Tamper::kMissingSignature) {
    if (probe.scheme == client::SignatureVersion::kV1) {
      client::remove_query_param(out.request, "Signature");
    } else {
      client::remove_header(out.request, "Authorization");
    }
  }
  return out;
}

}  // namespace conform::suite
