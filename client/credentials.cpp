#include "client/credentials.h"

#include <cstdlib>

namespace conform::client {
namespace {

std::optional<std::string> read_env(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

std::string require_env(const std::string& name, const char* what) {
  if (name.empty()) {
    throw CredentialsError(std::string("no environment variable name given for the ") + what);
  }
  auto value = read_env(name);
  if (!value) {
    throw CredentialsError("environment variable " + name + " (" + what + ") is not set or empty");
  }
  return *std::move(value);
}

}  // namespace

Credentials load_credentials(const CredentialEnvNames& names) {
  Credentials c;
  c.env = names;
  c.access_key_id = require_env(names.access_key_id, "AccessKey ID");
  c.access_key_secret = require_env(names.access_key_secret, "AccessKey secret");
  if (!names.security_token.empty()) {
    c.security_token = read_env(names.security_token);
  }
  return c;
}

}  // namespace conform::client
