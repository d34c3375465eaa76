#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "client/credentials.h"
#include "client/request_builder.h"
#include "client/transport.h"
#include "core/sign/percent.h"
#include "tests/client/test_server.h"
#include "tests/client/verify.h"

// Sends with a known secret and token, then scans every byte the client produced for them and
// for the signatures that went over the wire.
namespace conform::client {
namespace {

constexpr const char* kSecret = "Kn0wn-S3cret-Value+/=";
constexpr const char* kToken = "STS.Kn0wnT0ken+/=";

std::string everything(const http::Exchange& x) {
  std::string all = x.method + x.url + x.request_body + x.response_body + x.replay_command.str();
  for (const auto& h : x.request_headers) {
    all += h.name + h.value;
  }
  for (const auto& h : x.response_headers) {
    all += h.name + h.value;
  }
  for (const auto& r : x.retries) {
    all += r.reason;
  }
  if (x.error) {
    all += x.error->message;
  }
  return all;
}

TEST(secrets, never_appear_in_records_or_replay_commands) {
  std::vector<std::string> wire_signatures;
  std::mutex mu;
  int calls = 0;
  test::TestServer server(test::TestServer::http([&](const test::Received& r) {
    std::lock_guard lock(mu);
    wire_signatures.push_back(r.header("authorization"));
    wire_signatures.push_back(r.target + r.body);
    // Throttle every other request so retry reasons are in the records too.
    const bool throttle = (calls++ % 2) == 0;
    return test::TestServer::response(
        throttle ? 400 : (test::signature_valid(r, kSecret) ? 200 : 403),
        throttle ? R"({"Code":"Throttling"})" : "{}");
  }));
  ::setenv("CONFORM_TEST_AK", "id", 1);
  ::setenv("CONFORM_TEST_SK", kSecret, 1);
  ::setenv("CONFORM_TEST_TOKEN", kToken, 1);
  const Credentials creds =
      load_credentials({"CONFORM_TEST_AK", "CONFORM_TEST_SK", "CONFORM_TEST_TOKEN"});
  TransportOptions o;
  o.retry.base_delay = std::chrono::milliseconds(1);
  Transport t(o);
  std::vector<http::Exchange> records;
  std::vector<std::string> signatures;
  for (const auto version : {SignatureVersion::kV1, SignatureVersion::kV3}) {
    for (const auto in : {ParamsIn::kQuery, ParamsIn::kBody, ParamsIn::kSplit}) {
      SignOptions opt{.action = "A", .version = "V"};
      opt.signature_version = version;
      opt.params_in = in;
      const Request r = build_request(parse_endpoint(server.url()), {{"P", "1"}}, creds, opt);
      for (const auto& p : r.query) {
        if (p.name == "Signature") {
          signatures.push_back(p.value);
        }
      }
      const auto body = sign::parse_params(r.body, sign::PlusIs::kSpace);
      for (const auto& p : body.params) {
        if (p.name == "Signature") {
          signatures.push_back(p.value);
        }
      }
      for (const auto& h : r.headers) {
        if (h.name == "Authorization") {
          signatures.push_back(h.value.substr(h.value.rfind('=') + 1));
        }
      }
      records.push_back(t.send(r));
      EXPECT_EQ(records.back().status, 200);
      EXPECT_EQ(records.back().retries.size(), 1u);
    }
  }
  ASSERT_EQ(signatures.size(), 6u);
  for (const auto& x : records) {
    const std::string all = everything(x);
    for (const std::string& needle : {std::string(kSecret), sign::percent_encode(kSecret),
                                      std::string(kToken), sign::percent_encode(kToken)}) {
      EXPECT_EQ(all.find(needle), std::string::npos) << needle;
    }
    for (const auto& s : signatures) {
      EXPECT_EQ(all.find(s), std::string::npos) << "signature leaked";
      EXPECT_EQ(all.find(sign::percent_encode(s)), std::string::npos) << "signature leaked";
    }
    EXPECT_NE(all.find("***"), std::string::npos);  // masked, not dropped
  }
}

TEST(credentials, missing_variables_are_named) {
  ::unsetenv("CONFORM_TEST_NO_SUCH_ID");
  ::setenv("CONFORM_TEST_ID2", "id", 1);
  ::setenv("CONFORM_TEST_EMPTY", "", 1);
  try {
    load_credentials({"CONFORM_TEST_NO_SUCH_ID", "X", ""});
    FAIL() << "no exception";
  } catch (const CredentialsError& e) {
    EXPECT_NE(std::string(e.what()).find("CONFORM_TEST_NO_SUCH_ID"), std::string::npos);
  }
  try {
    load_credentials({"CONFORM_TEST_ID2", "CONFORM_TEST_EMPTY", ""});
    FAIL() << "no exception";
  } catch (const CredentialsError& e) {
    EXPECT_NE(std::string(e.what()).find("CONFORM_TEST_EMPTY"), std::string::npos);
  }
}

TEST(credentials, token_is_optional_and_read_from_the_named_variable) {
  ::setenv("CONFORM_TEST_ID3", "id3", 1);
  ::setenv("CONFORM_TEST_SK3", "sk3", 1);
  ::unsetenv("CONFORM_TEST_TOKEN3");
  auto c = load_credentials({"CONFORM_TEST_ID3", "CONFORM_TEST_SK3", "CONFORM_TEST_TOKEN3"});
  EXPECT_EQ(c.access_key_id, "id3");
  EXPECT_EQ(c.access_key_secret, "sk3");
  EXPECT_FALSE(c.security_token.has_value());
  ::setenv("CONFORM_TEST_TOKEN3", "t3", 1);
  c = load_credentials({"CONFORM_TEST_ID3", "CONFORM_TEST_SK3", "CONFORM_TEST_TOKEN3"});
  EXPECT_EQ(c.security_token, "t3");
}

}  // namespace
}  // namespace conform::client
