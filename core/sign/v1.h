#pragma once

#include <string>
#include <string_view>

#include "core/sign/params.h"

// RPC signature V1 (SignatureVersion=1.0, HMAC-SHA1). Inputs are decoded parameters, so a
// verifier passes the union of decoded query and form-body parameters exactly as a signer does.
namespace conform::sign::v1 {

inline constexpr std::string_view kSignatureParam = "Signature";
inline constexpr std::string_view kSecurityTokenParam = "SecurityToken";

/// All params except Signature, sorted, each name and value percent-encoded, joined by '&'.
std::string canonicalized_query_string(const Params& params);

/// METHOD&%2F&percent_encode(cqs). The method is the one on the wire.
std::string string_to_sign(std::string_view method, std::string_view canonicalized_query);

/// Base64(HMAC-SHA1(secret + "&", string_to_sign)).
std::string signature(std::string_view string_to_sign, std::string_view access_key_secret);

struct Signed {
  std::string canonicalized_query_string;
  std::string string_to_sign;
  std::string signature;
};

Signed sign(std::string_view method, const Params& params, std::string_view access_key_secret);

/// Recomputes over `params` (Signature is ignored if present) and compares in constant time.
bool verify(std::string_view method, const Params& params, std::string_view access_key_secret,
            std::string_view presented_signature);

}  // namespace conform::sign::v1
