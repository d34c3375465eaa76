#pragma once

#include <string>
#include <string_view>

// Thin wrappers over OpenSSL so signing code reads like the protocol text. Digests are raw bytes.
namespace conform::sign {

std::string hmac_sha1(std::string_view key, std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);
std::string sha256(std::string_view data);

std::string base64_encode(std::string_view bytes);

/// Compares without an early exit so a verifier does not leak how many leading characters of a
/// forged signature were right. Only the length comparison is not constant-time.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace conform::sign
