#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace conform::client {

/// Names of the environment variables to read. A target file may rename them (so one machine can
/// hold several accounts) but never holds the values.
struct CredentialEnvNames {
  std::string access_key_id = "ALIBABA_CLOUD_ACCESS_KEY_ID";
  std::string access_key_secret = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
  std::string security_token = "ALIBABA_CLOUD_SECURITY_TOKEN";  // optional; empty/unset: no STS
};

struct Credentials {
  std::string access_key_id;
  std::string access_key_secret;
  std::optional<std::string> security_token;
  // Where they came from, so a replay snippet can read the same variables instead of values.
  CredentialEnvNames env;
};

/// Thrown with a message naming the missing variable (never its value).
class CredentialsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads the named variables; the id and secret must be set and non-empty.
Credentials load_credentials(const CredentialEnvNames& names = {});

}  // namespace conform::client
