// Authentication as the service does it: each failure with the documented common code and status.
#include <algorithm>

#include "client/request.h"
#include "tests/mock/mock_fixture.h"

namespace conform::mock {
namespace {

using client::SignatureVersion;

TEST_F(MockTest, wrong_secret_is_a_signature_mismatch_in_both_schemes) {
  for (auto v : {SignatureVersion::kV1, SignatureVersion::kV3}) {
    auto creds = test_credentials();
    creds.access_key_secret = "not-the-secret";
    const auto e = send(build(valid_params(), options(v), creds));
    EXPECT_EQ(e.status, 400);
    EXPECT_EQ(body(e)["Code"], "SignatureDoesNotMatch");
    EXPECT_EQ(e.response_body.find("not-the-secret"), std::string::npos);
  }
}

TEST_F(MockTest, unknown_key_is_not_found) {
  for (auto v : {SignatureVersion::kV1, SignatureVersion::kV3}) {
    auto creds = test_credentials();
    creds.access_key_id = "nobody";
    const auto e = send(build(valid_params(), options(v), creds));
    EXPECT_EQ(e.status, 404);
    EXPECT_EQ(body(e)["Code"], "InvalidAccessKeyId.NotFound");
  }
}

TEST_F(MockTest, parameter_changed_after_signing_is_a_signature_mismatch) {
  auto v1 = build(valid_params(), options(SignatureVersion::kV1));
  client::set_query_param(v1, "Period", "2");
  EXPECT_EQ(body(send(v1))["Code"], "SignatureDoesNotMatch");
  auto v3 = build(valid_params(), options(SignatureVersion::kV3));
  client::set_query_param(v3, "Period", "2");
  EXPECT_EQ(body(send(v3))["Code"], "SignatureDoesNotMatch");
}

TEST_F(MockTest, v3_body_changed_after_signing_fails_the_payload_hash) {
  auto o = options(SignatureVersion::kV3);
  o.params_in = client::ParamsIn::kBody;
  auto r = build(valid_params(), o);
  client::set_body(r, r.body + "&Period=2");
  const auto e = send(r);
  EXPECT_EQ(body(e)["Code"], "SignatureDoesNotMatch");
}

TEST_F(MockTest, stale_and_malformed_timestamps) {
  for (auto v : {SignatureVersion::kV1, SignatureVersion::kV3}) {
    auto o = options(v);
    o.timestamp = "2020-01-01T00:00:00Z";
    auto e = call(valid_params(), o);
    EXPECT_EQ(e.status, 400);
    EXPECT_EQ(body(e)["Code"], "InvalidTimeStamp.Expired");
    o.timestamp = "2020-01-01 00:00:00";
    e = call(valid_params(), o);
    EXPECT_EQ(body(e)["Code"], "InvalidTimeStamp.Format");
  }
}

// Found by the mock_request fuzzer: a well-formed time past 2262 (or before 1678) overflowed the
// clock's nanoseconds (UBSan) instead of being refused as out of the window.
TEST_F(MockTest, times_the_clock_cannot_hold_are_expired_not_overflowed) {
  for (const auto* t : {"5450-05-01T12:00:00Z", "9999-12-31T23:59:59Z", "1677-09-21T00:13:00Z",
                        "0000-01-01T00:00:00Z"}) {
    auto o = options();
    o.timestamp = t;
    const auto e = call(valid_params(), o);
    EXPECT_EQ(e.status, 400) << t;
    EXPECT_EQ(body(e)["Code"], "InvalidTimeStamp.Expired") << t;
  }
}

TEST_F(MockTest, reused_nonce_is_refused_and_creates_nothing) {
  for (auto v : {SignatureVersion::kV1, SignatureVersion::kV3}) {
    auto o = options(v);
    o.nonce = std::string("nonce-for-") + (v == SignatureVersion::kV1 ? "v1" : "v3");
    EXPECT_EQ(call(valid_params(), o).status, 200);
    const auto e = call(valid_params(), o);
    EXPECT_EQ(e.status, 400);
    EXPECT_EQ(body(e)["Code"], "SignatureNonceUsed");
  }
  EXPECT_EQ(mock_->service().state().created().size(), 2u);
}

TEST_F(MockTest, unsigned_request_is_incomplete) {
  auto r = build(valid_params(), options(SignatureVersion::kV1, "GET"));
  client::remove_query_param(r, "Signature");
  const auto e = send(r);
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(body(e)["Code"], "IncompleteSignature");
}

TEST_F(MockTest, sts_key_needs_its_token) {
  client::Credentials sts{"sts-key", "sts-secret", std::string("sts-token"), {}};
  EXPECT_EQ(send(build(valid_params(), options(SignatureVersion::kV1), sts)).status, 200);
  // V3 with STS carries a signed x-acs-accesskey-id, as openapi-core sends it; the mock verifies
  // whatever the Authorization header names.
  const auto v3 = build(valid_params(), options(SignatureVersion::kV3), sts);
  EXPECT_TRUE(std::any_of(v3.headers.begin(), v3.headers.end(),
                          [](const auto& h) { return h.name == "x-acs-accesskey-id"; }));
  EXPECT_EQ(send(v3).status, 200);
  sts.security_token = "forged";
  auto e = send(build(valid_params(), options(SignatureVersion::kV3), sts));
  EXPECT_EQ(body(e)["Code"], "InvalidSecurityToken.Malformed");
  sts.security_token.reset();
  e = send(build(valid_params(), options(SignatureVersion::kV1), sts));
  EXPECT_EQ(body(e)["Code"], "InvalidSecurityToken.Malformed");
}

class NoAuthMock : public MockTest {
 protected:
  void SetUp() override {
    ServiceOptions o;
    o.authenticate = false;
    start(o);
  }
};

TEST_F(NoAuthMock, accepts_unsigned_requests_but_still_checks_parameters) {
  auto creds = test_credentials();
  creds.access_key_secret = "anything";
  EXPECT_EQ(send(build(valid_params(), options(), creds)).status, 200);
  EXPECT_EQ(body(send(build(valid_params("pc-nope"), options(), creds)))["Code"],
            "InvalidPhysicalConnectionId.NotFound");
}

TEST_F(MockTest, signature_mismatch_message_shows_the_server_string_to_sign) {
  auto creds = test_credentials();
  creds.access_key_secret = "not-the-secret";
  const auto e = send(build(valid_params(), options(SignatureVersion::kV1), creds));
  EXPECT_NE(body(e)["Message"].get<std::string>().find("server string to sign is: POST&%2F&"),
            std::string::npos);
}

// Seen while writing the mock_request fuzzer, which then confirmed it: a parameter value that
// mentions a string to sign made the mock look for the signature detail in a "does not exist"
// text and throw std::out_of_range, which the server turns into a 500.
TEST_F(MockTest, a_value_mentioning_a_string_to_sign_is_judged_like_any_other) {
  const auto unknown = call(valid_params("pc-unknown"));
  for (const auto* id : {"string to sign", "server StringToSign"}) {
    const auto e = call(valid_params(id));
    EXPECT_EQ(e.status, unknown.status) << e.response_body;
    EXPECT_EQ(body(e)["Code"], body(unknown)["Code"]);
    EXPECT_EQ(body(e)["Message"], body(unknown)["Message"]);
  }
}

// Found by the mock_request fuzzer: the Host header may carry obs-text, which the mock echoes as
// HostId; a JSON body with invalid UTF-8 made nlohmann throw and the mock answer 500.
TEST_F(MockTest, a_host_header_that_is_not_utf8_still_gets_a_json_error) {
  auto r = build(valid_params(), options(SignatureVersion::kV1));
  client::set_header(r, "Host", "127.0.0.1\xbe");
  const auto e = send(r);
  EXPECT_NE(e.status, 500) << e.response_body;
  EXPECT_FALSE(nlohmann::json::parse(e.response_body, nullptr, false).is_discarded());
}

}  // namespace
}  // namespace conform::mock
