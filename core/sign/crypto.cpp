#include "core/sign/crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace conform::sign {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// OpenSSL 3 looks an algorithm up in its provider store on every one-shot call (HMAC(), a digest
// through EVP_sha256()); for the short strings signing hashes that lookup cost more than the
// hashing. So the digest is fetched once, and each thread keeps one HMAC context per digest and
// only re-keys it. The mock signs from several threads, hence thread_local, not shared.
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* c) const { EVP_MAC_CTX_free(c); }
};
using MacCtx = std::unique_ptr<EVP_MAC_CTX, MacCtxFree>;

MacCtx new_hmac_context(const char* digest) {
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  MacCtx ctx(mac != nullptr ? EVP_MAC_CTX_new(mac) : nullptr);
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string("digest", const_cast<char*>(digest), 0),
      OSSL_PARAM_construct_end()};
  if (!ctx || EVP_MAC_CTX_set_params(ctx.get(), params) != 1) {
    throw std::runtime_error(std::string("HMAC-") + digest + " is not available in OpenSSL");
  }
  return ctx;
}

// A context and the key it holds, so that signing again with the same key (every request of a
// run, and every call the mock checks) skips re-deriving the key's pads.
struct KeyedMac {
  MacCtx ctx;
  std::string key;
  bool keyed = false;
};

std::string hmac(KeyedMac& mac, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  std::size_t len = 0;
  // A null key means "keep the previous key" to EVP_MAC_init, so an empty key needs a real
  // pointer.
  static const unsigned char kNoKey[1] = {0};
  const bool same_key = mac.keyed && mac.key == key;
  const unsigned char* key_bytes = same_key ? nullptr : key.empty() ? kNoKey : bytes_of(key);
  mac.keyed = false;  // until this init succeeds
  if (EVP_MAC_init(mac.ctx.get(), key_bytes, same_key ? 0 : key.size(), nullptr) != 1) {
    throw std::runtime_error("HMAC failed in OpenSSL");
  }
  if (!same_key)
    mac.key.assign(key);
  mac.keyed = true;
  if (EVP_MAC_update(mac.ctx.get(), bytes_of(data), data.size()) != 1 ||
      EVP_MAC_final(mac.ctx.get(), out, &len, sizeof out) != 1) {
    throw std::runtime_error("HMAC failed in OpenSSL");
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

const EVP_MD* sha256_md() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (md == nullptr) {
    throw std::runtime_error("SHA-256 is not available in OpenSSL");
  }
  return md;
}

}  // namespace

std::string hmac_sha1(std::string_view key, std::string_view data) {
  thread_local KeyedMac mac{new_hmac_context("SHA1"), {}, false};
  return hmac(mac, key, data);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  thread_local KeyedMac mac{new_hmac_context("SHA256"), {}, false};
  return hmac(mac, key, data);
}

std::string sha256(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, sha256_md(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed in OpenSSL");
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(bytes),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace conform::sign
