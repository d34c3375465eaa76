#include "mock/key_store.h"

namespace conform::mock {

AccessKey parse_access_key(const std::string& text) {
  const auto first = text.find(':');
  if (first == std::string::npos || first == 0) {
    throw std::invalid_argument("--access-key expects ID:SECRET (an ID, a colon, a secret)");
  }
  AccessKey key;
  key.id = text.substr(0, first);
  const auto second = text.find(':', first + 1);
  key.secret =
      text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
  if (second != std::string::npos)
    key.security_token = text.substr(second + 1);
  if (key.secret.empty()) {
    throw std::invalid_argument("--access-key " + key.id + ":...: the secret is empty");
  }
  if (key.security_token && key.security_token->empty()) {
    throw std::invalid_argument("--access-key " + key.id + ":...: the security token is empty");
  }
  return key;
}

}  // namespace conform::mock
