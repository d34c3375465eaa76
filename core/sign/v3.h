#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sign/params.h"

// Signature V3 (ACS3-HMAC-SHA256). Every step is its own function so a verifier can rebuild the
// canonical request from what it received and report which intermediate differs.
namespace conform::sign::v3 {

inline constexpr std::string_view kAlgorithm = "ACS3-HMAC-SHA256";
inline constexpr std::string_view kSecurityTokenHeader = "x-acs-security-token";
inline constexpr std::string_view kContentSha256Header = "x-acs-content-sha256";
inline constexpr std::string_view kAccessKeyIdHeader = "x-acs-accesskey-id";

struct Header {
  std::string name;
  std::string value;
  bool operator==(const Header&) const = default;
};
using Headers = std::vector<Header>;

/// Sorted query params, name=value with both percent-encoded, joined by '&'; "" when empty.
std::string canonical_query_string(const Params& query);

/// "/" for RPC; other paths keep '/' and percent-encode each segment.
std::string canonical_uri(std::string_view pathname);

/// The headers STS credentials add: x-acs-accesskey-id, then x-acs-security-token, and none when
/// the token is empty, as openapi-core 1.0.8 does (doRequest, src/client.ts:1120-1128; vector
/// v3-05 in tests/data/vectors/sts-v3.json). Both are x-acs-*, so a signer signs both.
Headers sts_headers(std::string_view access_key_id, std::string_view security_token);

/// What a signer signs: host, content-type if present, every x-acs-* header, plus `extra`
/// (any case). Lowercased, sorted, unique. Authorization is never included.
std::vector<std::string> default_signed_header_names(const Headers& headers,
                                                     const std::vector<std::string>& extra = {});

/// name:value\n for each signed name in sorted order; names matched case-insensitively, values
/// trimmed, repeated headers' values sorted and joined with ','. A signed name the request does
/// not carry contributes an empty value, so a verifier's signature simply will not match.
std::string canonical_headers(const Headers& headers, const std::vector<std::string>& signed_names);

/// Lowercased, sorted, joined by ';'.
std::string signed_headers(std::vector<std::string> signed_names);

/// Lowercase hex SHA-256 of the exact body bytes (also the x-acs-content-sha256 value).
std::string hashed_payload(std::string_view body);

std::string canonical_request(std::string_view method, std::string_view canonical_uri,
                              std::string_view canonical_query, std::string_view canonical_headers,
                              std::string_view signed_headers, std::string_view hashed_payload);

/// "ACS3-HMAC-SHA256\n" + hex(SHA-256(canonical_request)).
std::string string_to_sign(std::string_view canonical_request);

/// hex(HMAC-SHA256(secret, string_to_sign)); the key has no trailing '&' unlike V1.
std::string signature(std::string_view string_to_sign, std::string_view access_key_secret);

std::string authorization(std::string_view access_key_id, std::string_view signed_headers,
                          std::string_view signature);

struct Authorization {
  std::string algorithm;
  std::string credential;  // the AccessKeyId
  std::vector<std::string> signed_headers;
  std::string signature;
};

struct ParsedAuthorization {
  std::optional<Authorization> value;
  std::string error;  // names the missing or malformed part; never echoes the signature
};

/// Parses "ACS3-HMAC-SHA256 Credential=..,SignedHeaders=a;b,Signature=..". Tolerates spaces
/// after commas, which some hand-written clients send.
ParsedAuthorization parse_authorization(std::string_view header_value);

struct RequestToSign {
  std::string method;
  std::string pathname = "/";
  Params query;     // decoded
  Headers headers;  // as sent; must already hold x-acs-content-sha256 when it is to be signed
  std::string body;
};

struct Signed {
  std::string canonical_uri;
  std::string canonical_query_string;
  std::string canonical_headers;
  std::string signed_headers;
  std::string hashed_request_payload;
  std::string canonical_request;
  std::string hashed_canonical_request;
  std::string string_to_sign;
  std::string signature;
};

/// Signs over `signed_names`; signers pass default_signed_header_names, verifiers the names from
/// the parsed Authorization header.
Signed sign(const RequestToSign& request, const std::vector<std::string>& signed_names,
            std::string_view access_key_secret);

}  // namespace conform::sign::v3
