// `conform run` against a mock that misjudges a request the contract settles: a server error for a
// missing mandatory parameter, and a value of the wrong declared type accepted. Both are
// non-conformances (exit 1) whose verdict names the input, not inconclusive or observed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/mock_process.h"
#include "tests/support/run_command.h"

namespace conform::testing {
namespace {

struct Run {
  CommandResult result;
  nlohmann::json results;
};

Run run_against(const std::string& fault, const std::string& flags, const ScratchDir& dir) {
  MockProcess mock({"--fault", fault});
  Run r;
  r.result = run_command(kMockCredentials + "'" + CONFORM_BINARY + "' run --spec '" +
                         conform::testing::seed_operation_path() + "' --seed 21 --report-dir " +
                         dir.path() + " " + mock_target_flags(mock.url()) + " " + flags);
  r.results = nlohmann::json::parse(read_text(dir.path("results.json")), nullptr, false);
  return r;
}

// The messages of the failed checks, by check name.
std::map<std::string, std::string> failures(const Run& run) {
  std::map<std::string, std::string> out;
  for (const auto& c : run.results["checks"]) {
    if (c["verdict"] == "failed")
      out[c["name"].get<std::string>()] = c["message"].get<std::string>();
  }
  return out;
}

TEST(cli_verdicts, a_server_error_for_a_missing_mandatory_parameter_fails_the_run) {
  ScratchDir dir("verdict-500");
  const auto run = run_against("server-error=region-present", "--kind validation --cases 5", dir);
  EXPECT_EQ(run.result.exit_code, 1) << run.result.out << run.result.err;
  const auto failed = failures(run);
  ASSERT_FALSE(failed.empty()) << run.result.out;
  bool named = false;
  for (const auto& [name, message] : failed) {
    // The failing case is the one without RegionId; its message says so and what came back.
    if (message.find("RegionId") != std::string::npos &&
        message.find("server error 500 InternalError") != std::string::npos &&
        message.find("(after retries)") != std::string::npos)
      named = true;
  }
  EXPECT_TRUE(named) << run.result.out;
}

TEST(cli_verdicts, accepting_a_value_of_the_wrong_declared_type_fails_the_run) {
  ScratchDir dir("verdict-type");
  const auto run = run_against("skip-rule=auto-pay-valid", "--kind validation --cases 5", dir);
  EXPECT_EQ(run.result.exit_code, 1) << run.result.out << run.result.err;
  bool named = false;
  for (const auto& [name, message] : failures(run)) {
    if (message.find("AutoPay") != std::string::npos &&
        message.find("accepted a request that breaks rule auto-pay-valid (expected a rejection)") !=
            std::string::npos)
      named = true;
  }
  EXPECT_TRUE(named) << run.result.out;
}

}  // namespace
}  // namespace conform::testing
