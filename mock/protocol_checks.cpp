#include "mock/protocol_checks.h"

#include <algorithm>
#include <chrono>

#include "core/sign/crypto.h"
#include "core/sign/v1.h"
#include "core/sign/v3.h"
#include "core/text/ascii.h"

namespace conform::mock {
namespace {

using spec::Check;

std::optional<ProtocolBreach> breach(std::string detail, std::string subject = "") {
  return ProtocolBreach{std::move(detail), std::move(subject)};
}

sign::v3::Headers v3_headers(const http::ReceivedRequest& r) {
  sign::v3::Headers out;
  for (const auto& h : r.headers)
    out.push_back({h.name, h.value});
  return out;
}

std::vector<const spec::Parameter*> v1_signing_parameters(const spec::Operation& op) {
  std::vector<const spec::Parameter*> out;
  for (const auto& p : op.common_parameters) {
    if (p.required && !p.fixed_value &&
        std::find(p.signatures.begin(), p.signatures.end(), spec::SignatureScheme::kV1) !=
            p.signatures.end())
      out.push_back(&p);
  }
  return out;
}

std::optional<ProtocolBreach> credentials_present(const IncomingCall& call,
                                                  const ProtocolContext& c) {
  if (call.scheme == SignatureScheme::kV3) {
    if (!call.authorization)
      return breach("Authorization header: " + call.authorization_error, "Authorization");
    if (call.authorization->algorithm != sign::v3::kAlgorithm) {
      return breach("Authorization names algorithm " + call.authorization->algorithm + ", not " +
                    std::string(sign::v3::kAlgorithm));
    }
    if (!call.timestamp)
      return breach("x-acs-date header is missing", "Date");
    if (!call.nonce)
      return breach("x-acs-signature-nonce header is missing", "SignatureNonce");
    if (!c.request.header(sign::v3::kContentSha256Header)) {
      return breach("x-acs-content-sha256 header is missing", "ContentSha256");
    }
    return std::nullopt;
  }
  // V1 (or nothing): every required signing parameter of the protocol; their values are
  // signing_values's.
  for (const auto& p : v1_signing_parameters(c.op)) {
    if (!call.params.contains(p->name))
      return breach(p->name + " is missing", p->name);
  }
  return std::nullopt;
}

// V1 signing parameters the protocol documents with a set of values (SignatureMethod,
// SignatureVersion) carry one of them.
std::optional<ProtocolBreach> signing_values(const IncomingCall& call, const ProtocolContext& c) {
  if (call.scheme == SignatureScheme::kV3)
    return std::nullopt;
  for (const auto& p : v1_signing_parameters(c.op)) {
    const auto it = call.params.find(p->name);
    if (it == call.params.end() || p->enum_values.empty())
      continue;
    if (auto why = spec::value_violation(c.op, *p, it->second, call.params))
      return breach(p->name + ": " + *why, p->name);
  }
  return std::nullopt;
}

std::optional<ProtocolBreach> timestamp_format(const IncomingCall& call, const ProtocolContext&) {
  if (!call.timestamp)
    return std::nullopt;  // credentials_present reports absence
  if (!parse_utc_timestamp(*call.timestamp)) {
    return breach("\"" + *call.timestamp + "\" is not yyyy-MM-ddTHH:mm:ssZ");
  }
  return std::nullopt;
}

std::optional<ProtocolBreach> signature_matches(const IncomingCall& call,
                                                const ProtocolContext& c) {
  const auto* key = call.access_key_id ? c.keys.find(*call.access_key_id) : nullptr;
  if (!key)
    return breach("no key to verify with");
  if (call.scheme == SignatureScheme::kV1) {
    if (!sign::v1::verify(call.method, call.all, key->secret, call.signature.value_or(""))) {
      // The service shows its string to sign so a client can find its mistake; the security token
      // in it is masked because responses end up in reports.
      auto shown = call.all;
      for (auto& p : shown) {
        if (p.name == sign::v1::kSecurityTokenParam && !p.value.empty())
          p.value = "***";
      }
      const auto cqs = sign::v1::canonicalized_query_string(shown);
      return breach("signature does not match; server string to sign is: " +
                    sign::v1::string_to_sign(call.method, cqs));
    }
    return std::nullopt;
  }
  if (call.scheme == SignatureScheme::kV3) {
    const auto presented_hash = c.request.header(sign::v3::kContentSha256Header).value_or("");
    if (presented_hash != sign::v3::hashed_payload(c.request.body)) {
      return breach("x-acs-content-sha256 does not match the body");
    }
    for (const auto& h : c.request.headers) {
      const std::string lower = text::to_lower(h.name);
      if (lower.rfind("x-acs-", 0) != 0)
        continue;
      const auto& names = call.authorization->signed_headers;
      if (std::find(names.begin(), names.end(), lower) == names.end()) {
        return breach("header " + lower + " is not signed");
      }
    }
    sign::v3::RequestToSign r{call.method, c.request.path.empty() ? "/" : c.request.path,
                              call.query, v3_headers(c.request), c.request.body};
    const auto computed = sign::v3::sign(r, call.authorization->signed_headers, key->secret);
    if (!sign::constant_time_equals(computed.signature, call.authorization->signature)) {
      return breach("signature does not match; server StringToSign is [" + computed.string_to_sign +
                    "]");
    }
    return std::nullopt;
  }
  return breach("the request carries no signature");
}

}  // namespace

std::optional<std::chrono::sys_seconds> parse_utc_timestamp(const std::string& text) {
  // yyyy-MM-ddTHH:mm:ssZ exactly: fractional seconds are refused as the service refuses them.
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u, 11u, 12u, 14u, 15u, 17u, 18u}) {
    if (text[i] < '0' || text[i] > '9')
      return std::nullopt;
  }
  // Digits and calendar arithmetic by hand: stoi and timegm were ~2 k instructions a call, and
  // every call is read two or three times.
  const auto number = [&](std::size_t at, std::size_t width) {
    int n = 0;
    for (std::size_t i = at; i < at + width; ++i)
      n = n * 10 + (text[i] - '0');
    return n;
  };
  const int month = number(5, 2);
  const int day = number(8, 2);
  const int hour = number(11, 2);
  const int minute = number(14, 2);
  const int second = number(17, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(number(0, 4)),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok())
    return std::nullopt;  // 31 February and the like
  const std::chrono::sys_days midnight(date);
  const std::chrono::sys_seconds t = midnight + std::chrono::hours(hour) +
                                     std::chrono::minutes(minute) + std::chrono::seconds(second);
  // A leap second (:60) is taken as the next second, unless that is the next day: timegm's
  // normalisation, which this replaces, refused those.
  if (std::chrono::floor<std::chrono::days>(t) != midnight)
    return std::nullopt;
  return t;
}

std::optional<ProtocolBreach> check_protocol_rule(const spec::Rule& rule, const IncomingCall& call,
                                                  const ProtocolContext& c) {
  const bool auth_check =
      rule.check == Check::kCredentialsPresent || rule.check == Check::kSigningValues ||
      rule.check == Check::kTimestampFormat || rule.check == Check::kAccessKey ||
      rule.check == Check::kSignature || rule.check == Check::kTimestampWindow ||
      rule.check == Check::kNonceUnique || rule.check == Check::kSecurityToken;
  if (auth_check && !c.authenticate)
    return std::nullopt;
  switch (rule.check) {
    case Check::kActionPresent:
      if (!call.action)
        return breach("Action is missing", "Action");
      return std::nullopt;
    case Check::kAction:
      if (call.action && *call.action != c.op.action)
        return breach("Action " + *call.action + " is not an operation here");
      return std::nullopt;
    case Check::kVersion:
      if (!call.version)
        return breach("Version is missing", "Version");
      if (*call.version != c.op.version)
        return breach("Version " + *call.version + " is not " + c.op.version);
      return std::nullopt;
    case Check::kCredentialsPresent:
      return credentials_present(call, c);
    case Check::kSigningValues:
      return signing_values(call, c);
    case Check::kTimestampFormat:
      return timestamp_format(call, c);
    case Check::kAccessKey:
      if (!call.access_key_id || !c.keys.find(*call.access_key_id)) {
        return breach("AccessKeyId " + call.access_key_id.value_or("") + " is not known");
      }
      return std::nullopt;
    case Check::kSignature:
      return signature_matches(call, c);
    case Check::kTimestampWindow: {
      const auto t = parse_utc_timestamp(call.timestamp.value_or(""));
      const auto skew = std::chrono::seconds(c.op.protocol.timestamp_skew_seconds);
      // Compared in seconds: a year such as 9999 does not fit Clock's nanoseconds.
      const auto now = std::chrono::floor<std::chrono::seconds>(c.now);
      if (t && (now - *t > skew || *t - now > skew)) {
        return breach("request time " + *call.timestamp + " is more than " +
                      std::to_string(skew.count()) + " s from the server's clock");
      }
      return std::nullopt;
    }
    case Check::kNonceUnique: {
      if (!call.nonce)
        return std::nullopt;
      // The signed time decides how long the nonce must be remembered: a request dated in the
      // future stays acceptable, and so replayable, for longer than the nonce window alone.
      // Clamped to the allowed skew: a time outside it is refused by the timestamp rule, and a
      // year such as 9999 does not fit Clock's nanoseconds.
      const std::chrono::seconds allowed(c.op.protocol.timestamp_skew_seconds);
      auto claimed = c.now;
      if (const auto t = parse_utc_timestamp(call.timestamp.value_or(""))) {
        claimed +=
            std::clamp(*t - std::chrono::floor<std::chrono::seconds>(c.now), -allowed, allowed);
      }
      switch (c.state.use_nonce(call.access_key_id.value_or(""), *call.nonce, claimed, c.now,
                                std::chrono::seconds(c.op.protocol.nonce_window_seconds),
                                std::chrono::seconds(c.op.protocol.timestamp_skew_seconds))) {
        case NonceStore::Freshness::kFresh:
          return std::nullopt;
        case NonceStore::Freshness::kUsed:
          return breach("nonce " + *call.nonce + " was used already");
        case NonceStore::Freshness::kBeforeHorizon:
          return breach("nonce " + *call.nonce +
                        " cannot be checked: the mock's nonce memory is full and has forgotten "
                        "requests dated up to this one's time");
      }
      return std::nullopt;
    }
    case Check::kSecurityToken: {
      const auto* key = call.access_key_id ? c.keys.find(*call.access_key_id) : nullptr;
      if (!key)
        return std::nullopt;
      if (key->security_token && call.security_token != key->security_token) {
        return breach(call.security_token ? "the security token is not the one issued for this key"
                                          : "this key needs a security token");
      }
      if (!key->security_token && call.security_token)
        return breach("this key takes no security token");
      return std::nullopt;
    }
    case Check::kRate:
      if (c.enforce_quota && c.op.quota &&
          !c.state.take_quota(c.op.quota->requests, std::chrono::seconds(c.op.quota->per_seconds),
                              c.now)) {
        return breach("more than " + std::to_string(c.op.quota->requests) + " requests in " +
                      std::to_string(c.op.quota->per_seconds) + " s");
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace conform::mock
