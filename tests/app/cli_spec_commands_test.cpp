// The CLI contract CI systems gate on: exit codes and where errors are printed.
#include <gtest/gtest.h>

#include "tests/support/run_command.h"

namespace conform::testing {
namespace {

const std::string kSpec =
    source_path("specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json");

TEST(cli, no_command_is_a_usage_error) {
  const auto r = run_conform("");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("usage: conform <command>"), std::string::npos);
}

TEST(cli, unknown_command_is_a_usage_error) {
  const auto r = run_conform("frobnicate");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST(cli_lint, findings_exit_zero_and_are_printed_with_evidence) {
  const auto r = run_conform("lint '" + kSpec + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("near-duplicate-code"), std::string::npos);
  EXPECT_NE(r.out.find("evidence: "), std::string::npos);
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(cli_lint, strict_turns_findings_into_exit_one) {
  EXPECT_EQ(run_conform("lint --strict '" + kSpec + "'").exit_code, 1);
}

TEST(cli_lint, json_format_is_machine_readable) {
  const auto r = run_conform("lint --format json '" + kSpec + "'");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("\"check\": \"near-duplicate-code\""), std::string::npos);
}

TEST(cli_lint, default_lints_every_spec_under_the_specs_directory) {
  const auto r = run_conform("lint");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("CreatePhysicalConnectionOccupancyOrder: 6 findings"), std::string::npos)
      << r.out;
}

TEST(cli_lint, broken_spec_exits_two_naming_file_pointer_and_rule) {
  ScratchDir dir("cli-broken");
  write_text(dir.path("specs/common/alibaba-rpc.json"),
             read_text(source_path("specs/common/alibaba-rpc.json")));
  // A complete spec (not an overlay), so that the broken place is in the file linted.
  auto text =
      read_text(source_path("tests/data/full-spec/CreatePhysicalConnectionOccupancyOrder.json"));
  text.replace(text.find("\"minimum\": 1"), 12, "\"minimum\": 10");
  const auto path = dir.path("specs/vpc/2016-04-28/op.json");
  write_text(path, text);
  const auto r = run_conform("lint '" + path + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(
      r.err.find(
          path +
          ":/parameters/2/minimum: empty-range: Period: minimum 10 is greater than maximum 9"),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("spec not usable"), std::string::npos);
}

TEST(cli_lint, missing_spec_file_exits_two) {
  const auto r = run_conform("lint /nonexistent/spec.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/spec.json: unreadable-file: no such file"), std::string::npos)
      << r.err;
}

TEST(cli_lint, bad_flags_exit_two) {
  EXPECT_EQ(run_conform("lint --bogus").exit_code, 2);
  EXPECT_EQ(run_conform("lint --format").exit_code, 2);
  EXPECT_EQ(run_conform("lint --format yaml").exit_code, 2);
}

TEST(cli_describe, summarises_the_contract) {
  const auto r = run_conform("describe '" + kSpec + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1..5 when PricingCycle=Year"), std::string::npos);
  EXPECT_NE(r.out.find("circuit-complete"), std::string::npos);
  EXPECT_NE(r.out.find("404 InvalidPhysicalConnectionId.NotFound | 400 Abs.InstanceNotExist"),
            std::string::npos);
  EXPECT_NE(r.out.find("charges unless AutoPay=false"), std::string::npos);
}

}  // namespace
}  // namespace conform::testing
