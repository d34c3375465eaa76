#include <gtest/gtest.h>

#include "client/rate_limiter.h"
#include "client/retry.h"
#include "core/http/mask.h"

namespace conform::client {
namespace {

using namespace std::chrono_literals;

TEST(token_bucket, allows_burst_then_paces_at_rate) {
  const auto t0 = TokenBucket::Clock::time_point{};
  TokenBucket b(10, 2, t0);
  EXPECT_TRUE(b.try_acquire(t0));
  EXPECT_TRUE(b.try_acquire(t0));
  EXPECT_FALSE(b.try_acquire(t0));
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(b.wait_time(t0)), 100ms);
  EXPECT_FALSE(b.try_acquire(t0 + 50ms));
  EXPECT_TRUE(b.try_acquire(t0 + 100ms));
  // Idle time never saves more than the burst.
  EXPECT_TRUE(b.try_acquire(t0 + 10s));
  EXPECT_TRUE(b.try_acquire(t0 + 10s));
  EXPECT_FALSE(b.try_acquire(t0 + 10s));
}

TEST(backoff, doubles_with_equal_jitter_and_is_capped) {
  RetryPolicy p;
  p.base_delay = 100ms;
  p.max_delay = 1000ms;
  EXPECT_EQ(backoff_delay(1, p, 0.0, std::nullopt), 50ms);
  EXPECT_EQ(backoff_delay(1, p, 1.0, std::nullopt), 100ms);
  EXPECT_EQ(backoff_delay(3, p, 0.0, std::nullopt), 200ms);
  EXPECT_EQ(backoff_delay(3, p, 1.0, std::nullopt), 400ms);
  EXPECT_EQ(backoff_delay(20, p, 1.0, std::nullopt), 1000ms);
  EXPECT_EQ(backoff_delay(1, p, 0.0, 700ms), 700ms);  // server hint wins when longer
  EXPECT_EQ(backoff_delay(1, p, 1.0, 10ms), 100ms);
}

TEST(retry_after, reads_seconds_and_ignores_garbage) {
  EXPECT_EQ(retry_after({{"X-Acs-Retry-After", "2"}}), 2000ms);
  EXPECT_EQ(retry_after({{"x-acs-retry-after", "0.25"}}), 250ms);
  EXPECT_EQ(retry_after({{"x-acs-retry-after", "soon"}}), std::nullopt);
  EXPECT_EQ(retry_after({{"x-acs-retry-after", "-1"}}), std::nullopt);
  EXPECT_EQ(retry_after({}), std::nullopt);
}

TEST(retry_reason, covers_throttling_unavailable_server_errors_and_connect_failures_only) {
  http::Exchange x;
  x.status = 400;
  x.response_body = R"({"RequestId":"r","Code":"Throttling.Api"})";
  EXPECT_TRUE(retry_reason(x).has_value());
  x.response_body = "<Error><Code>ServiceUnavailable</Code></Error>";
  EXPECT_TRUE(retry_reason(x).has_value());
  x.response_body = R"({"Code":"InternalError"})";
  EXPECT_FALSE(retry_reason(x).has_value());
  x.response_body = "not json";
  EXPECT_FALSE(retry_reason(x).has_value());
  // A code spelled with JSON escapes is still the code.
  x.response_body = R"({"Code":"\u0054hrottling"})";
  EXPECT_TRUE(retry_reason(x).has_value());
  x.response_body = R"({"Message":"Throttling is not this","Code":"InvalidParameter"})";
  EXPECT_FALSE(retry_reason(x).has_value());
  x.status = 500;
  x.response_body = R"({"Code":"InternalError"})";
  EXPECT_EQ(retry_reason(x), "HTTP 500 (InternalError)");
  x.status = 502;
  x.response_body = "<html>bad gateway</html>";
  EXPECT_EQ(retry_reason(x), "HTTP 502");
  x.error = http::TransportError{http::TransportErrorKind::kConnectFailed, "refused"};
  EXPECT_TRUE(retry_reason(x).has_value());
  x.error = http::TransportError{http::TransportErrorKind::kTimeout, "slow"};
  EXPECT_FALSE(retry_reason(x).has_value());
}

TEST(mask, replaces_signature_and_token_values_only) {
  EXPECT_EQ(http::mask_url("http://h/?SignatureNonce=n&Signature=abc%3D&SecurityToken=t&A=1"),
            "http://h/?SignatureNonce=n&Signature=***&SecurityToken=***&A=1");
  EXPECT_EQ(http::mask_params_text("Signature=x"), "Signature=***");
  const auto h = http::mask_headers(
      {{"Authorization", "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=abcd"},
       {"X-ACS-Security-Token", "tok"},
       {"x-acs-date", "d"}});
  EXPECT_EQ(h[0].value, "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=***");
  EXPECT_EQ(h[1].value, "***");
  EXPECT_EQ(h[2].value, "d");
  EXPECT_EQ(http::mask_headers({{"authorization", "Bearer xyz"}})[0].value, "***");
}

}  // namespace
}  // namespace conform::client
