// The runner's own safety, as a process: secrets only from the environment, no charging value to
// an endpoint that is not loopback unless --allow-billable, TLS verification on by default.
// Elsewhere: billing_guard.* and target.files_never_hold_secrets (tests/suites/session_test.cpp),
// cli_run.missing_credentials_*, cli_run.a_remote_endpoint_is_told_no_charge_*,
// cli_run.no_byte_written_holds_the_secret_or_a_signature, tls.* (tests/client/tls_test.cpp).
#include <gtest/gtest.h>

#include <cctype>
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
        run_command(env() + "'" + CONFORM_BINARY + "' run --spec '" +
                    conform::testing::seed_operation_path() + "' --target " + dir.path("t.json"));
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
    const auto r = run_command(
        env() + "'" + CONFORM_BINARY + "' run --spec '" + conform::testing::seed_operation_path() +
        "' --seed 21 --kind acceptance --max-orders 100000 " + "--report-dir " + dir.path("a") +
        " --target " + mapped_target(dir, rec.server.port()));
    EXPECT_NE(r.out.find("is not local: every request carries AutoPay=false"), std::string::npos)
        << r.out << r.err;
    EXPECT_GT(rec.count("AutoPay=false"), 0) << r.out << r.err;
    EXPECT_EQ(rec.count("AutoPay=true"), 0);
  }
  {
    // The control: with --allow-billable the same run does send the charging value, so the
    // recorder would have seen one above had the guard let it through.
    Recorder rec;
    run_command(
        env() + "'" + CONFORM_BINARY + "' run --spec '" + conform::testing::seed_operation_path() +
        "' --seed 21 --kind acceptance --allow-billable --max-orders 100000 " + "--report-dir " +
        dir.path("b") + " --target " + mapped_target(dir, rec.server.port()));
    EXPECT_GT(rec.count("AutoPay=true"), 0);
  }
}

// A server that answers success to everything, so every request it sees may have created an
// order; it keeps every query and body to look for charging values in any occurrence.
struct Accepter {
  std::mutex mu;
  std::vector<std::string> requests;
  // Refuses a request carrying a value at least this long (0: refuses nothing), with a code no
  // rule accepts, so a valid case that draws one long value fails and shrinks.
  std::size_t refuse_from = 0;
  test::TestServer server{test::TestServer::http([this](const test::Received& r) {
    std::lock_guard lock(mu);
    const auto q = r.target.find('?');
    const std::string query = q == std::string::npos ? "" : r.target.substr(q + 1);
    requests.push_back(query + "&" + r.body);
    if (refuse_from > 0) {
      for (const auto& [name, value] : pairs(requests.back())) {
        if (value.size() >= refuse_from && name != "Signature" && name != "SignatureNonce")
          return test::TestServer::response(400, R"({"Code":"TooLong","Message":"m"})");
      }
    }
    return test::TestServer::response(
        200, R"({"RequestId":"1E1F4B8C-0C2D-4F4B-9F3E-7E1A6B2C9D01","OrderId":"o-1"})",
        "Content-Type: application/json\r\n");
  })};

  // Decoded name=value pairs of a query or form body, every occurrence in order.
  static std::vector<std::pair<std::string, std::string>> pairs(const std::string& text) {
    auto decode = [](const std::string& in) {
      std::string out;
      for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '+') {
          out += ' ';
        } else if (in[i] == '%' && i + 2 < in.size()) {
          out += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          out += in[i];
        }
      }
      return out;
    };
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto end = std::min(text.find('&', start), text.size());
      const auto item = text.substr(start, end - start);
      if (!item.empty()) {
        const auto eq = item.find('=');
        out.emplace_back(decode(item.substr(0, eq)),
                         eq == std::string::npos ? "" : decode(item.substr(eq + 1)));
      }
      start = end + 1;
    }
    return out;
  }

  // Occurrences of the charge parameter, named in any case, with a value other than "false".
  int charging() {
    std::lock_guard lock(mu);
    int n = 0;
    for (const auto& r : requests) {
      for (const auto& [name, value] : pairs(r)) {
        std::string lower = name;
        for (auto& c : lower)
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        n += lower == "autopay" && value != "false" ? 1 : 0;
      }
    }
    return n;
  }
  int size() {
    std::lock_guard lock(mu);
    return static_cast<int>(requests.size());
  }
};

// The whole default suite against a remote target file (default case counts, every kind).
std::string default_target(const ScratchDir& dir, int port) {
  const std::string path = dir.path("default-target.json");
  write_text(path,
             nlohmann::json{{"endpoint", "http://[::ffff:127.0.0.1]:" + std::to_string(port)},
                            {"region", "cn-hangzhou"},
                            {"rate_limit", 1000},
                            {"resources", {{"circuit", {{{"id", "pc-1"}, {"state", "Complete"}}}}}}}
                 .dump());
  return path;
}

int planned_orders(const std::string& out) {
  constexpr std::string_view kLine = "plan: order count ";
  const auto at = out.find(kLine);
  return at == std::string::npos ? -1 : std::stoi(out.substr(at + kLine.size()));
}

TEST(runner_security, an_endpoint_that_accepts_everything_gets_exactly_the_planned_orders) {
  ScratchDir dir("sec-orders");
  // The default cap on an endpoint that is not loopback, then --max-orders 3: each is exact.
  for (const auto& [flags, expected] :
       std::vector<std::pair<std::string, int>>{{"", 10}, {" --max-orders 3", 3}}) {
    Accepter server;
    const auto r = run_command(env() + "'" + CONFORM_BINARY + "' run --spec '" +
                               conform::testing::seed_operation_path() +
                               "' --seed 21 --report-dir " + dir.path("r") + flags + " --target " +
                               default_target(dir, server.server.port()));
    EXPECT_EQ(planned_orders(r.out), expected) << r.out << r.err;
    EXPECT_EQ(server.size(), expected) << flags << "\n" << r.out;
    EXPECT_EQ(server.charging(), 0);
    if (flags.empty()) {
      EXPECT_NE(r.out.find("raise it with --max-orders N"), std::string::npos) << r.out;
    }
    EXPECT_NE(r.out.find("past a budget"), std::string::npos) << r.out;
  }
  {
    // With the caps out of the way the whole suite reaches the server: still no charging value in
    // any occurrence, and no more requests than the plan's order count.
    Accepter server;
    const auto r = run_command(
        env() + "'" + CONFORM_BINARY + "' run --spec '" + conform::testing::seed_operation_path() +
        "' --seed 21 --report-dir " + dir.path("u") + " --max-orders 100000 --max-requests 100000" +
        " --target " + default_target(dir, server.server.port()));
    EXPECT_GT(server.size(), 100) << r.out << r.err;
    EXPECT_LE(server.size(), planned_orders(r.out)) << r.out;
    EXPECT_EQ(server.charging(), 0);
  }
}

// The checks of an acceptance run that shrank a failure, against a server refusing every value
// of 20 characters or more; `requests` is how many the server saw.
std::vector<nlohmann::json> shrunk_checks(const std::string& name, const std::string& flags,
                                          int& requests, std::string& out) {
  ScratchDir dir(name);
  Accepter server;
  server.refuse_from = 20;
  out =
      run_command(env() + "'" + CONFORM_BINARY + "' run --spec '" +
                  conform::testing::seed_operation_path() +
                  "' --seed 21 --kind acceptance --max-orders 100000 " + flags + " --report-dir " +
                  dir.path("r") + " --target " + default_target(dir, server.server.port()))
          .out;
  requests = server.size();
  const auto results = nlohmann::json::parse(read_text(dir.path("r/results.json")));
  std::vector<nlohmann::json> shrunk;
  for (const auto& check : results["checks"]) {
    if (check.contains("shrink")) {
      EXPECT_EQ(check["verdict"], "failed") << check.dump();
      shrunk.push_back(check);
    }
  }
  EXPECT_FALSE(shrunk.empty()) << out;
  return shrunk;
}

TEST(runner_security, a_long_value_the_endpoint_refuses_shrinks_within_the_step_budget) {
  int requests = 0;
  std::string out;
  for (const auto& check : shrunk_checks("sec-shrink", "--max-shrink-steps 15", requests, out)) {
    EXPECT_LE(check["shrink"]["steps"].get<int>(), 15) << check.dump();
    EXPECT_EQ(check["shrink"]["budget"].get<int>(), 15);
  }
  EXPECT_LT(requests, 1000) << out;
}

// With room to finish, the search ends on its own: at the shortest refused value, in a few hundred
// requests, and results.json says the budget did not stop it.
TEST(runner_security, a_long_value_the_endpoint_refuses_shrinks_to_its_end_in_a_few_hundred_steps) {
  int requests = 0;
  std::string out;
  for (const auto& check : shrunk_checks(
           "sec-shrink-end", "--max-requests 100000 --max-shrink-steps 1000", requests, out)) {
    EXPECT_FALSE(check["shrink"]["stopped_by_budget"].get<bool>()) << check.dump();
    EXPECT_LE(check["shrink"]["steps"].get<int>(), 400) << check.dump();
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
    const auto r = run_command(env() + "'" + CONFORM_BINARY + "' run --spec '" +
                               conform::testing::seed_operation_path() +
                               "' --seed 22 --kind acceptance " + "--report-dir " + dir.path(out) +
                               " --target " + tls_target(dir, server.port(), tls));
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
