#include "core/sign/crypto.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/text/ascii.h"

namespace conform::sign {
namespace {

// RFC 2202 / RFC 4231 test case 2 and FIPS 180 "abc": anchors the wrappers independently of the
// Alibaba vectors.
TEST(crypto, hmac_and_digest_match_published_test_cases) {
  EXPECT_EQ(text::hex_lower(hmac_sha1("Jefe", "what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  EXPECT_EQ(text::hex_lower(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(text::hex_lower(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Each thread keeps its key between calls: a key that changes, comes back or is empty must still
// be the key used. RFC 2202 / RFC 4231 test case 1, case 2 and the empty key, interleaved.
TEST(crypto, hmac_follows_the_key_of_each_call) {
  const std::string key1(20, '\x0b');
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(text::hex_lower(hmac_sha1(key1, "Hi There")),
              "b617318655057264e28bc0b6fb378c8ef146be00");
    EXPECT_EQ(text::hex_lower(hmac_sha1(key1, "Hi There")),
              "b617318655057264e28bc0b6fb378c8ef146be00");
    EXPECT_EQ(text::hex_lower(hmac_sha1("Jefe", "what do ya want for nothing?")),
              "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    EXPECT_EQ(text::hex_lower(hmac_sha1("", "")), "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d");
    EXPECT_EQ(text::hex_lower(hmac_sha256(key1, "Hi There")),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(text::hex_lower(hmac_sha256("", "")),
              "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    EXPECT_EQ(text::hex_lower(hmac_sha256("Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
}

TEST(crypto, base64_pads_like_rfc4648) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("\xff\xfe"), "//4=");
}

TEST(crypto, constant_time_equals_compares_content_and_length) {
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "ab"));
  EXPECT_TRUE(constant_time_equals("", ""));
}

// The mock verifies signatures with constant_time_equals (v1::verify, and the V3 check in
// mock/protocol_checks.cpp). Its promise is that the time does not depend on where the inputs
// differ. On 1 MiB inputs an early-exit compare (memcmp, ==) is thousands of times faster when
// the first byte differs than when the last one does; a full compare takes the same time. The
// bound (the faster case at least a quarter of the slower) leaves room for a noisy shared
// machine while any early exit misses it by orders of magnitude. Minimum of many runs each.
TEST(crypto, constant_time_equals_takes_as_long_whichever_byte_differs) {
  const std::string a(1 << 20, 'x');
  std::string first = a;
  first.front() = 'y';
  std::string last = a;
  last.back() = 'y';
  const auto fastest = [&](const std::string& other) {
    auto best = std::chrono::nanoseconds::max();
    for (int i = 0; i < 30; ++i) {
      const auto start = std::chrono::steady_clock::now();
      const bool equal = constant_time_equals(a, other);
      const auto took = std::chrono::steady_clock::now() - start;
      EXPECT_FALSE(equal);
      best = std::min(best, std::chrono::duration_cast<std::chrono::nanoseconds>(took));
    }
    return best;
  };
  const auto differs_first = fastest(first);
  const auto differs_last = fastest(last);
  EXPECT_GT(differs_first.count() * 4, differs_last.count())
      << "first byte differs: " << differs_first.count()
      << " ns, last byte differs: " << differs_last.count() << " ns";
}

}  // namespace
}  // namespace conform::sign
