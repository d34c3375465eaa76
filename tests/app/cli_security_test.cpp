// The runner's own safety, as a process: secrets only from the environment, no charging value to
// an endpoint that is not loopback unless --allow-billable, TLS verification on by default.
// Elsewhere: billing_guard.* and target.files_never_hold_secrets (tests/suites/session_test.cpp),
// cli_run.missing_credentials_*, cli_run.a_remote_endpoint_is_told_no_charge_*,
// cli_run.no_byte_written_holds_the_secret_or_a_signature, tls.* (tests/client/tls_test.cpp).
#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "tests/client/test_server.h"
#include "tests/client/tls_test_server.h"
#include "tests/support/run_command.h"

namespace conform::testing {
namespace {

constexpr const char* kSecret = "Zq7Wm2Xr9Tk4Lp8Vn3Hs6Jd1Fb5Gc0";  // shaped like a real one

std::string env(const std::string& secret = kSecret) {
  return "ALIBABA_CLOUD_ACCESS_KEY_ID=conform-test-key ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + secret +
         " ";
}

TEST(runner_security, no_flag_takes_a_secret_and_the_value_is_never_echoed) {
  for (const std::string flag : {"--access-key-secret", "--secret", "--access-key-id",
                                 "--security-token", "--access-key", "--password"}) {
    const auto r = run_conform("run " + flag + " " + kSecret +
                               " --endpoint http://127.0.0.1:1 --region cn-hangzhou");
    EXPECT_EQ(r.exit_code, 2) << flag << ": " << r.out << r.err;
    EXPECT_EQ((r.out + r.err).find(kSecret), std::string::npos) << flag << " echoed the value";
  }
}

TEST(runner_security, a_target_file_holding_the_secret_value_is_refused_without_echoing_it) {
  ScratchDir dir("sec-target");
  // Under an innocent key, so only the value gives it away.
  for (const std::string& file :
       {R"({"endpoint": "http://127.0.0.1:1", "comment": ")" + std::string(kSecret) + "\"}",
        R"({"endpoint": "http://127.0.0.1:1", "name": "x", "resources": {"circuit": [{"id": ")" +
            std::string(kSecret) + "\"}]}}"}) {
    write_text(dir.path("t.json"), file);
    const auto r =
        run_command(env() + "'" + CONFORM_BINARY + "' run --target " + dir.path("t.json"));
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("never holds secrets"), std::string::npos) << r.err;
    EXPECT_EQ((r.out + r.err).find(kSecret), std::string::npos);
  }
}

// A server reached through an address the runner cannot tell is loopback ([::ffff:127.0.0.1]), so
// it must treat the endpoint as one that bills; the server records what arrives.
struct Recorder {
  std::mutex mu;
  std::vector<std::string> requests;
  test::TestServer server{test::TestServer::http([this](const test::Received& r) {
    std::lock_guard lock(mu);
    requests.push_back(r.target + " " + r.body);
    return test::TestServer::response(400, R"({"Code":"Recorded","Message":"m"})");
  })};
  int count(const std::string& text) {
    std::lock_guard lock(mu);
    int n = 0;
    for (const auto& r : requests)
      n += r.find(text) != std::string::npos ? 1 : 0;
    return n;
  }
};

std::string mapped_target(const ScratchDir& dir, int port) {
  const std::string path = dir.path("target.json");
  write_text(path,
             nlohmann::json{{"endpoint", "http://[::ffff:127.0.0.1]:" + std::to_string(port)},
                            {"region", "cn-hangzhou"},
                            {"rate_limit", 1000},
                            {"cases", {{"valid", 3}, {"invalid", 3}}},
                            {"resources", {{"circuit", {{{"id", "pc-1"}, {"state", "Complete"}}}}}}}
                 .dump());
  return path;
}

TEST(runner_security, a_non_loopback_endpoint_never_gets_autopay_true_without_allow_billable) {
  ScratchDir dir("sec-billing");
  {
    Recorder rec;
    const auto r = run_command(env() + "'" + CONFORM_BINARY + "' run --seed 21 --kind acceptance " +
                               "--report-dir " + dir.path("a") + " --target " +
                               mapped_target(dir, rec.server.port()));
    EXPECT_NE(r.out.find("is not local: every request carries AutoPay=false"), std::string::npos)
        << r.out << r.err;
    EXPECT_GT(rec.count("AutoPay=false"), 0) << r.out << r.err;
    EXPECT_EQ(rec.count("AutoPay=true"), 0);
  }
  {
    // The control: with --allow-billable the same run does send the charging value, so the
    // recorder would have seen one above had the guard let it through.
    Recorder rec;
    run_command(env() + "'" + CONFORM_BINARY +
                "' run --seed 21 --kind acceptance --allow-billable " + "--report-dir " +
                dir.path("b") + " --target " + mapped_target(dir, rec.server.port()));
    EXPECT_GT(rec.count("AutoPay=true"), 0);
  }
}

std::string tls_target(const ScratchDir& dir, int port, const std::string& tls) {
  const std::string path = dir.path("tls-target.json");
  write_text(path,
             "{\"endpoint\": \"https://127.0.0.1:" + std::to_string(port) +
                 "\", \"region\": \"cn-hangzhou\", \"cases\": {\"valid\": 2, \"invalid\": 2}, "
                 "\"resources\": {\"circuit\": [{\"id\": \"pc-1\", \"state\": "
                 "\"Complete\"}]}" +
                 (tls.empty() ? "" : ", \"tls\": " + tls) + "}");
  return path;
}

TEST(runner_security, tls_is_verified_by_default_and_only_a_ca_file_or_the_loud_flag_gets_past) {
  ScratchDir dir("sec-tls");
  const auto pki = test::make_test_pki(dir.path(), "IP:127.0.0.1");
  test::TlsTestServer server(pki.server_chain, pki.server_key, R"({"Code":"Tls","Message":"m"})");
  auto run = [&](const std::string& tls, const std::string& out) {
    const auto r = run_command(env() + "'" + CONFORM_BINARY + "' run --seed 22 --kind acceptance " +
                               "--report-dir " + dir.path(out) + " --target " +
                               tls_target(dir, server.port(), tls));
    return std::make_pair(r, read_text(dir.path(out + "/results.json")));
  };
  const auto [refused, refused_json] = run("", "default");
  EXPECT_EQ(refused.exit_code, 3) << refused.out << refused.err;
  EXPECT_NE(refused_json.find("self-signed certificate"), std::string::npos)
      << refused_json.substr(0, 2000);
  EXPECT_EQ(server.requests_answered(), 0);

  const auto [trusted, trusted_json] = run("{\"ca_file\": \"" + pki.ca_cert + "\"}", "ca");
  EXPECT_EQ(trusted_json.find("\"kind\": \"tls\""), std::string::npos);
  EXPECT_GT(server.requests_answered(), 0);

  const auto [skipped, skipped_json] = run("{\"dangerously_skip_verification\": true}", "skip");
  EXPECT_EQ(skipped_json.find("\"kind\": \"tls\""), std::string::npos);
  EXPECT_NE(skipped_json.find("TLS verification was skipped"), std::string::npos);
}

}  // namespace
}  // namespace conform::testing
