// `conform run` end to end: a verdict CI can gate on, against the embedded mock, against a mock
// that breaks a rule, against nothing, and with bad flags.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/mock_process.h"
#include "tests/support/run_command.h"
#include "tests/support/seed_operation.h"

namespace conform::testing {
namespace {

TEST(cli_run, embedded_mock_is_conformant_and_reports_are_written) {
  ScratchDir dir("run-ok");
  const auto r = run_conform("run --seed 1 --cases 20 --report-dir " + dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("seed 1 (replay with --seed 1)"), std::string::npos);
  const auto results = nlohmann::json::parse(read_text(dir.path("results.json")));
  EXPECT_EQ(results["run"]["seed"], "1");  // a string: 64-bit seeds do not fit a JSON number
  EXPECT_GE(results["checks"].size(), 10u);
  for (const auto& c : results["checks"]) {
    // The cases the contract does not settle are observations, whatever the mock answers.
    if (c["name"] == "unsettled_cases_are_observed")
      continue;
    EXPECT_EQ(c["verdict"], "passed") << c["name"] << ": " << c["message"];
  }
  for (const char* file : {"junit.xml", "report.html"}) {
    EXPECT_FALSE(read_text(dir.path(file)).empty()) << file;
  }
}

// `args` starts with "run"; the seed operation's spec is named after it.
CommandResult run_with_test_key(const std::string& args) {
  return run_command(kMockCredentials + "'" + CONFORM_BINARY + "' run --spec '" +
                     conform::testing::seed_operation_path() + "'" + args.substr(3));
}

TEST(cli_run, a_mock_that_breaks_a_rule_fails_the_run_naming_the_rule) {
  auto mock = std::make_unique<MockProcess>(
      std::vector<std::string>{"--fault", "wrong-code=circuit-exists"});
  ASSERT_FALSE(mock->url().empty());
  ScratchDir dir("run-broken");
  const auto r = run_with_test_key("run --kind preconditions --seed 2 --report-dir " + dir.path() +
                                   " " + mock_target_flags(mock->url()));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(
      r.out.find("rule circuit-exists: expected 404 InvalidPhysicalConnectionId.NotFound | 400 "
                 "Abs.InstanceNotExist, got 400"),
      std::string::npos)
      << r.out;
  const auto results = nlohmann::json::parse(read_text(dir.path("results.json")));
  bool failed = false;
  for (const auto& c : results["checks"])
    failed |= c["verdict"] == "failed";
  EXPECT_TRUE(failed);
}

TEST(cli_run, each_contract_fault_of_the_mock_is_caught) {
  // One switch per kind of contract break; each must turn the verdict to non-conformant.
  for (const std::string fault :
       {"skip-rule=circuit-complete", "drop-field=Data.OrderId", "wrong-content-type",
        "wrong-status=region-present", "ignore-client-token", "skip-signature",
        "skip-rule=nonce-fresh"}) {
    auto mock = std::make_unique<MockProcess>(std::vector<std::string>{"--fault", fault});
    ScratchDir dir("run-fault");
    const auto r = run_with_test_key("run --seed 3 --cases 5 --report-dir " + dir.path() + " " +
                                     mock_target_flags(mock->url()));
    EXPECT_EQ(r.exit_code, 1) << fault << "\n" << r.out;
  }
}

TEST(cli_run, an_unreachable_endpoint_is_inconclusive_not_failed) {
  ScratchDir dir("run-unreachable");
  // Port 1 on loopback: nothing listens there, so every connection is refused at once.
  const auto r = run_with_test_key("run --kind acceptance --seed 4 --report-dir " + dir.path() +
                                   " " + mock_target_flags("http://127.0.0.1:1"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
}

TEST(cli_run, dry_run_prints_the_plan_and_sends_nothing) {
  auto mock = std::make_unique<MockProcess>(std::vector<std::string>{"--control"});
  const auto r = run_with_test_key("run --dry-run --seed 5 " + mock_target_flags(mock->url()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("predicted to create order"), std::string::npos) << r.out;
  const auto records = run_command("curl -s " + mock->url() + "/__conform/records");
  EXPECT_EQ(records.out, "[]\n");
}

TEST(cli_run, a_remote_endpoint_is_told_no_charge_before_anything_is_sent) {
  // A dry run: nothing leaves the machine, but the notice a real run prints first is there.
  const auto r = run_conform(
      "run --dry-run --seed 6 --endpoint https://vpc.aliyuncs.com --region cn-hangzhou "
      "--complete-circuit pc-test");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(
      r.out.find(
          "https://vpc.aliyuncs.com is not local: every request carries AutoPay=false (no charge)"),
      std::string::npos)
      << r.out;
}

TEST(cli_run, missing_credentials_for_a_remote_endpoint_exit_two_naming_the_variable) {
  const auto r =
      run_command("env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET '" +
                  std::string(CONFORM_BINARY) + "' run " + seed_operation_flag() +
                  " --endpoint http://127.0.0.1:1 --region cn-hangzhou --complete-circuit x");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ALIBABA_CLOUD_ACCESS_KEY_ID"), std::string::npos) << r.err;
}

TEST(cli_run, bad_flags_exit_two) {
  for (const std::string args :
       {"--kind nonsense", "--seed x", "--max-orders -1", "--bogus-flag x", "--region cn-hangzhou",
        "--target /nonexistent.json", "--galaxy-planet x"}) {
    const auto r = run_conform("run " + args);
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.out << r.err;
    EXPECT_FALSE(r.err.empty()) << args;
  }
}

TEST(cli_run, the_seed_replays_the_same_run) {
  ScratchDir a("replay-a");
  ScratchDir b("replay-b");
  run_conform("run --seed 99 --cases 10 --report-dir " + a.path());
  run_conform("run --seed 99 --cases 10 --report-dir " + b.path());
  auto names = [](const std::string& path) {
    std::vector<std::string> out;
    const auto doc = nlohmann::json::parse(read_text(path));  // outlives the loop
    for (const auto& c : doc["checks"]) {
      out.push_back(c["name"].get<std::string>() + ":" +
                    std::to_string(c["cases_sent"].get<int>()));
    }
    return out;
  };
  EXPECT_EQ(names(a.path("results.json")), names(b.path("results.json")));
}

TEST(cli_run, no_byte_written_holds_the_secret_or_a_signature) {
  const std::string secret = "Kn0wn-Secret-Value-7f3a";
  MockProcess mock({"--access-key", "scan-key:" + secret});
  ScratchDir dir("run-scan");
  const auto r = run_command(
      "ALIBABA_CLOUD_ACCESS_KEY_ID=scan-key ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + secret + " '" +
      CONFORM_BINARY + "' run " + seed_operation_flag() + " --seed 8 --cases 10 --report-dir " +
      dir.path() + " " + mock_target_flags(mock.url()));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> outputs = {r.out, r.err};
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    outputs.push_back(read_text(entry.path().string()));
  }
  for (const auto& text : outputs) {
    EXPECT_EQ(text.find(secret), std::string::npos);
    // Signatures never appear: V1 Signature= and V3 Signature= carry *** in records, and the
    // replay scripts compute theirs at run time ("$sig").
    for (const std::string marker : {"Signature=", "Signature%3D"}) {
      for (auto pos = text.find(marker); pos != std::string::npos;
           pos = text.find(marker, pos + 1)) {
        const auto value = text.substr(pos + marker.size(), 6);
        EXPECT_TRUE(value.rfind("***", 0) == 0 || value.rfind("%2A", 0) == 0 ||
                    value.find('$') != std::string::npos)
            << text.substr(pos, 60);
      }
    }
  }
}

}  // namespace
}  // namespace conform::testing
