#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "client/request_builder.h"
#include "client/transport.h"
#include "tests/client/tls_test_server.h"
#include "tests/support/test_paths.h"

// HTTPS against a throwaway CA: the client must verify certificates and names by default, accept
// a server signed by a CA file it was given, and say so in the replay when verification is off.
namespace conform::client {
namespace {

using namespace std::chrono_literals;
using K = http::TransportErrorKind;

constexpr const char* kBody = "{\"tls\":\"ok\"}";

TransportOptions quick(TransportOptions o = {}) {
  // A handshake on loopback takes milliseconds; these bound a broken test, not a slow machine.
  o.connect_timeout = 1500ms;
  o.total_timeout = 1800ms;
  return o;
}

Request get(const test::TlsTestServer& server) {
  Request r;
  r.method = "GET";
  r.scheme = "https";
  r.host = "127.0.0.1:" + std::to_string(server.port());
  r.pathname = "/";
  r.query = {{"Probe", "tls"}};
  return r;
}

std::string run_bash(const std::string& script, const std::string& path) {
  conform::testing::write_text(path, script);
  FILE* p = ::popen(("bash " + path + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) {
    out.append(buf, n);
  }
  ::pclose(p);
  return out;
}

TEST(tls, a_server_signed_by_the_given_ca_file_is_verified_and_answers) {
  conform::testing::ScratchDir dir("tls-ca-file");
  const auto pki = test::make_test_pki(dir.path(), "IP:127.0.0.1");
  test::TlsTestServer server(pki.server_chain, pki.server_key, kBody);
  TransportOptions o = quick();
  o.ca_file = pki.ca_cert;
  Transport t(o);
  const auto x = t.send(get(server));
  ASSERT_FALSE(x.error.has_value()) << x.error->message;
  EXPECT_EQ(x.status, 200);
  EXPECT_EQ(x.response_body, kBody);
  EXPECT_EQ(server.handshakes_completed(), 1);
  // A second request reuses the verified connection instead of handshaking again.
  EXPECT_EQ(t.send(get(server)).status, 200);
  EXPECT_EQ(server.handshakes_completed(), 1);
}

TEST(tls, the_system_store_rejects_a_self_signed_chain_and_names_the_problem) {
  conform::testing::ScratchDir dir("tls-system-store");
  const auto pki = test::make_test_pki(dir.path(), "IP:127.0.0.1");
  test::TlsTestServer server(pki.server_chain, pki.server_key, kBody);
  Transport t(quick());
  const auto x = t.send(get(server));
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kTls) << x.error->message;
  EXPECT_NE(x.error->message.find("self-signed certificate"), std::string::npos)
      << x.error->message;
  EXPECT_EQ(x.status, 0);
  EXPECT_EQ(server.requests_answered(), 0);
}

TEST(tls, skipping_verification_connects_and_the_replay_says_so_and_still_works) {
  conform::testing::ScratchDir dir("tls-skip");
  const auto pki = test::make_test_pki(dir.path(), "DNS:not-this-host.invalid");
  test::TlsTestServer server(pki.server_chain, pki.server_key, kBody);
  ::setenv("CONFORM_TLS_TEST_SK", "tls-test-secret", 1);
  const Credentials creds{"tls-test-key",
                          "tls-test-secret",
                          std::nullopt,
                          {"CONFORM_TLS_TEST_AK", "CONFORM_TLS_TEST_SK", "CONFORM_TLS_TEST_ST"}};
  SignOptions so{.action = "Probe", .version = "2016-04-28"};
  so.method = "GET";
  const Request r = build_request(parse_endpoint(server.url()), {{"A", "1"}}, creds, so);
  TransportOptions o = quick();
  o.dangerously_skip_tls_verification = true;
  Transport t(o);
  const auto x = t.send(r);
  ASSERT_FALSE(x.error.has_value()) << x.error->message;
  EXPECT_EQ(x.status, 200);
  EXPECT_EQ(x.response_body, kBody);
  EXPECT_TRUE(x.replay_command.str().starts_with("# TLS verification was skipped"))
      << x.replay_command;
  EXPECT_NE(x.replay_command.str().find("\ncurl -sS --insecure "), std::string::npos)
      << x.replay_command;
  // The snippet reaches the same unverifiable server, which it could not without --insecure.
  EXPECT_EQ(run_bash(x.replay_command, dir.path("replay.sh")), kBody) << x.replay_command;
}

TEST(tls, a_certificate_for_another_host_name_is_rejected) {
  conform::testing::ScratchDir dir("tls-wrong-name");
  // Signed by the trusted CA, so the name is the only thing wrong.
  const auto pki = test::make_test_pki(dir.path(), "DNS:not-this-host.invalid");
  test::TlsTestServer server(pki.server_chain, pki.server_key, kBody);
  TransportOptions o = quick();
  o.ca_file = pki.ca_cert;
  Transport t(o);
  const auto x = t.send(get(server));
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kTls) << x.error->message;
  EXPECT_NE(x.error->message.find("127.0.0.1"), std::string::npos) << x.error->message;
  EXPECT_NE(x.error->message.find("name"), std::string::npos) << x.error->message;
  EXPECT_EQ(server.requests_answered(), 0);
}

TEST(tls, the_replay_of_a_verified_exchange_names_the_ca_file) {
  conform::testing::ScratchDir dir("tls-replay-ca");
  const auto pki = test::make_test_pki(dir.path(), "IP:127.0.0.1");
  test::TlsTestServer server(pki.server_chain, pki.server_key, kBody);
  ::setenv("CONFORM_TLS_TEST_SK", "tls-test-secret", 1);
  const Credentials creds{"tls-test-key",
                          "tls-test-secret",
                          std::nullopt,
                          {"CONFORM_TLS_TEST_AK", "CONFORM_TLS_TEST_SK", "CONFORM_TLS_TEST_ST"}};
  SignOptions so{.action = "Probe", .version = "2016-04-28"};
  so.signature_version = SignatureVersion::kV1;
  const Request r = build_request(parse_endpoint(server.url()), {{"A", "1"}}, creds, so);
  TransportOptions o = quick();
  o.ca_file = pki.ca_cert;
  Transport t(o);
  const auto x = t.send(r);
  ASSERT_FALSE(x.error.has_value()) << x.error->message;
  EXPECT_NE(x.replay_command.str().find("\ncurl -sS --cacert '" + pki.ca_cert + "' "),
            std::string::npos)
      << x.replay_command;
  EXPECT_EQ(run_bash(x.replay_command, dir.path("replay.sh")), kBody) << x.replay_command;
}

}  // namespace
}  // namespace conform::client
