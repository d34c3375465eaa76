#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace conform::mock {

/// A key pair the mock accepts; with a security token it stands for STS credentials, whose
/// requests must carry that token.
struct AccessKey {
  std::string id;
  std::string secret;
  std::optional<std::string> security_token;
};

/// The documented pair a mock accepts when nothing else is configured. Not a secret: it only
/// opens the local mock, and tests and the README use it.
inline constexpr std::string_view kTestAccessKeyId = "conform-test-key";
inline constexpr std::string_view kTestAccessKeySecret = "conform-test-secret";

class KeyStore {
 public:
  void add(AccessKey key) { keys_[key.id] = std::move(key); }
  const AccessKey* find(std::string_view id) const {
    auto it = keys_.find(std::string(id));
    return it == keys_.end() ? nullptr : &it->second;
  }
  bool empty() const { return keys_.empty(); }
  std::size_t size() const { return keys_.size(); }

 private:
  std::map<std::string, AccessKey> keys_;
};

/// Parses "ID:SECRET" or "ID:SECRET:TOKEN"; throws std::invalid_argument naming what is missing
/// (never echoing the secret).
AccessKey parse_access_key(const std::string& text);

}  // namespace conform::mock
