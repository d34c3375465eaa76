#include "reports/merge.h"

#include <gtest/gtest.h>

#include "reports/report_files.h"
#include "reports/results_json.h"
#include "tests/reports/fixture.h"
#include "tests/support/run_command.h"

namespace conform::report {
namespace {

using conform::testing::make_check;
using conform::testing::make_run;
using conform::testing::run_conform;
using conform::testing::ScratchDir;

Results shard(int index, int total, std::uint64_t seed = 42) {
  Results r;
  r.run = make_run(seed);
  r.run.shard_index = index;
  r.run.shard_total = total;
  r.run.state = RunState::kFinished;
  r.run.started_at = "2026-01-01T00:00:0" + std::to_string(index) + "Z";
  r.run.finished_at = "2026-01-01T00:01:0" + std::to_string(index) + "Z";
  r.checks.push_back(make_check("errors", "shard " + std::to_string(index), Verdict::kPassed));
  r.coverage.parameters = {{"A", static_cast<std::uint64_t>(index)}, {"B", 1}};
  return r;
}

TEST(merge, joins_checks_in_shard_order_and_sums_coverage) {
  const Results m = merge_results({{"b", shard(1, 2)}, {"a", shard(0, 2)}});
  ASSERT_EQ(m.checks.size(), 2u);
  EXPECT_EQ(m.checks[0].name, "shard 0");
  EXPECT_EQ(m.run.merged_shards, 2);
  EXPECT_EQ(m.run.state, RunState::kFinished);
  EXPECT_EQ(m.run.started_at, "2026-01-01T00:00:00Z");
  EXPECT_EQ(m.run.finished_at, "2026-01-01T00:01:01Z");
  EXPECT_EQ(m.coverage.parameters, (std::vector<CoverageItem>{{"A", 1}, {"B", 2}}));
}

TEST(merge, refuses_different_seeds_specs_and_repeated_shards) {
  auto other_spec = shard(1, 2);
  other_spec.run.spec_sha256 = std::string(64, 'b');
  EXPECT_THROW(merge_results({{"a", shard(0, 2)}, {"b", other_spec}}), MergeError);
  try {
    merge_results({{"a", shard(0, 2)}, {"b", shard(1, 2, 7)}});
    FAIL();
  } catch (const MergeError& e) {
    EXPECT_STREQ(e.what(), "cannot merge runs of different seeds: a has \"42\", b has \"7\"");
  }
  try {
    merge_results({{"a", shard(0, 2)}, {"b", shard(0, 2)}});
    FAIL();
  } catch (const MergeError& e) {
    EXPECT_STREQ(e.what(), "shard 1/2 given twice: a and b");
  }
}

TEST(merge, shards_of_one_mock_target_may_use_different_ports_but_not_different_targets) {
  auto other_port = shard(1, 2);
  other_port.run.target.endpoint = "http://127.0.0.1:2";
  EXPECT_EQ(merge_results({{"a", shard(0, 2)}, {"b", other_port}}).checks.size(), 2u);
  auto live = shard(1, 2);
  live.run.target = {"cn-hangzhou", "https://vpc.example.com", "live"};
  EXPECT_THROW(merge_results({{"a", shard(0, 2)}, {"b", live}}), MergeError);
}

TEST(merge, missing_or_unfinished_shard_makes_the_run_interrupted) {
  const Results m = merge_results({{"a", shard(0, 3)}, {"b", shard(2, 3)}});
  EXPECT_EQ(m.run.state, RunState::kInterrupted);
  EXPECT_EQ(m.run.interruption, "shards missing: 2 of 3");
  auto running = shard(1, 2);
  running.run.state = RunState::kRunning;
  running.run.finished_at.clear();
  const Results m2 = merge_results({{"a", shard(0, 2)}, {"b", running}});
  EXPECT_EQ(m2.run.interruption, "shard 2 running");
  EXPECT_TRUE(m2.run.finished_at.empty());
}

TEST(merge, cli_writes_all_reports_and_exits_2_on_a_seed_mismatch) {
  ScratchDir dir("merge-cli");
  write_report_files(dir.path("s0"), shard(0, 2), Scrubber({}), WithHtml::kNo);
  write_report_files(dir.path("s1"), shard(1, 2), Scrubber({}), WithHtml::kNo);
  write_report_files(dir.path("x1"), shard(1, 2, 9), Scrubber({}), WithHtml::kNo);
  // The step summary goes to a file of ours, never to the CI job running these tests.
  const std::string summary = dir.path("summary.md");
  const auto ok = conform::testing::run_command(
      "GITHUB_STEP_SUMMARY='" + summary + "' '" + CONFORM_BINARY + "' report merge --out '" +
      dir.path("m") + "' '" + dir.path("s0") + "' '" + dir.path("s1") + "'");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  const Results merged = read_results(dir.path("m/results.json"));
  EXPECT_EQ(merged.checks.size(), 2u);
  EXPECT_EQ(merged.run.merged_shards, 2);
  EXPECT_FALSE(conform::testing::read_text(dir.path("m/junit.xml")).empty());
  EXPECT_FALSE(conform::testing::read_text(dir.path("m/report.html")).empty());
  EXPECT_NE(conform::testing::read_text(summary).find("conform: conformant"), std::string::npos);

  const auto bad = run_conform("report merge --out '" + dir.path("m2") + "' '" + dir.path("s0") +
                               "' '" + dir.path("x1") + "'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "conform report: merge: cannot merge runs of different seeds: " +
                         dir.path("s0/results.json") + " has \"42\", " +
                         dir.path("x1/results.json") + " has \"9\"\n");
  EXPECT_FALSE(std::filesystem::exists(dir.path("m2")));
}

}  // namespace
}  // namespace conform::report
