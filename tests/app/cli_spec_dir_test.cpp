// `conform run --spec-dir`: every operation of a directory against one embedded mock, selected
// with --operation, split with --shard and joined with `conform report merge`, and only the
// operations that read by default on an endpoint that is not loopback.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/support/mock_process.h"
#include "tests/support/run_command.h"
#include "tests/support/spec_copies.h"

namespace conform::testing {
namespace {

// Three operations: copies of the seed operation under three actions, in action order.
struct ThreeOperations {
  ScratchDir dir{"spec-dir"};
  std::vector<std::string> actions;
  ThreeOperations() {
    for (const char* suffix : {"Alpha", "Beta", "Gamma"}) {
      actions.push_back(seed_operation().action + suffix);
      write_seed_copy(dir.path("specs"), actions.back());
    }
  }
  std::string specs() const { return dir.path("specs"); }
};

// A quick run: acceptance checks only, few cases.
constexpr const char* kQuick = " --kind acceptance --cases 3 --seed 5";

nlohmann::json results_in(const std::string& dir) {
  return nlohmann::json::parse(read_text(dir + "/results.json"));
}

std::set<std::string> operations_of_checks(const nlohmann::json& results) {
  std::set<std::string> out;
  for (const auto& c : results["checks"])
    out.insert(c.value("operation", ""));
  return out;
}

TEST(cli_spec_dir, every_operation_runs_against_one_mock_and_each_check_names_it) {
  ThreeOperations ops;
  const std::string reports = ops.dir.path("r");
  const auto r = run_conform("run --spec-dir " + ops.specs() + kQuick + " --report-dir " + reports);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto results = results_in(reports);
  EXPECT_EQ(operations_of_checks(results),
            std::set<std::string>(ops.actions.begin(), ops.actions.end()));
  EXPECT_EQ(results["run"]["operations"], nlohmann::json(ops.actions));
  // One mock for the run, one endpoint in the record.
  EXPECT_NE(r.out.find("3 operations from " + ops.specs() + " against the embedded mock"),
            std::string::npos)
      << r.out;
  EXPECT_NE(results["run"]["target"]["endpoint"], "");
  // JUnit groups by operation and kind; the summary counts each operation.
  const auto junit = read_text(reports + "/junit.xml");
  for (const auto& a : ops.actions) {
    EXPECT_NE(junit.find("testsuite name=\"" + a + ".acceptance\""), std::string::npos) << a;
    EXPECT_NE(r.out.find("\n" + a + " "), std::string::npos) << a << "\n" << r.out;
  }
  EXPECT_NE(read_text(reports + "/report.html").find("data-operation=\"" + ops.actions[1]),
            std::string::npos);
}

TEST(cli_spec_dir, operation_selects_and_an_unknown_name_is_a_usage_error_naming_the_nearest) {
  ThreeOperations ops;
  const std::string reports = ops.dir.path("r");
  const auto r = run_conform("run --spec-dir " + ops.specs() + " --operation " + ops.actions[1] +
                             kQuick + " --report-dir " + reports);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(operations_of_checks(results_in(reports)), std::set<std::string>{ops.actions[1]});

  const auto typo = run_conform("run --spec-dir " + ops.specs() + " --operation " + ops.actions[1] +
                                "x" + kQuick);
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean " + ops.actions[1] + "?"), std::string::npos) << typo.err;
}

TEST(cli_spec_dir, one_operation_alone_replays_as_the_whole_run_ran_it) {
  ThreeOperations ops;
  const auto whole = run_conform("run --spec-dir " + ops.specs() + kQuick + " --report-dir " +
                                 ops.dir.path("whole"));
  const auto alone =
      run_conform("run --spec-dir " + ops.specs() + " --operation " + ops.actions[2] + kQuick +
                  " --report-dir " + ops.dir.path("alone"));
  ASSERT_EQ(whole.exit_code, 0) << whole.out;
  ASSERT_EQ(alone.exit_code, 0) << alone.out;
  // The same cases: the counterexample-free checks send the same parameters in the same order.
  auto cases = [&](const std::string& dir) {
    std::vector<int> sent;
    for (const auto& c : results_in(dir)["checks"]) {
      if (c["operation"] == ops.actions[2])
        sent.push_back(c["cases_sent"]);
    }
    return sent;
  };
  EXPECT_EQ(cases(ops.dir.path("whole")), cases(ops.dir.path("alone")));
}

TEST(cli_spec_dir, shards_split_the_operations_and_merge_joins_them_once_each) {
  ThreeOperations ops;
  std::set<std::string> seen;
  for (const char* shard : {"1/2", "2/2"}) {
    const std::string reports = ops.dir.path(std::string("shard") + shard[0]);
    const auto r = run_conform("run --spec-dir " + ops.specs() + kQuick + " --shard " + shard +
                               " --report-dir " + reports);
    EXPECT_EQ(r.exit_code, 0) << shard << "\n" << r.out << r.err;
    const auto results = results_in(reports);
    EXPECT_EQ(results["run"]["shard"]["by"], "operation");
    for (const auto& op : operations_of_checks(results))
      EXPECT_TRUE(seen.insert(op).second) << op << " ran in two shards";
  }
  // Round-robin in action order: the first shard holds the first and the third.
  EXPECT_EQ(operations_of_checks(results_in(ops.dir.path("shard1"))),
            (std::set<std::string>{ops.actions[0], ops.actions[2]}));
  EXPECT_EQ(seen.size(), 3u);

  const auto merged = run_conform("report merge --out " + ops.dir.path("merged") + " " +
                                  ops.dir.path("shard1") + " " + ops.dir.path("shard2"));
  EXPECT_EQ(merged.exit_code, 0) << merged.err;
  const auto joined = results_in(ops.dir.path("merged"));
  EXPECT_EQ(operations_of_checks(joined), seen);
  EXPECT_EQ(joined["run"]["operations"], nlohmann::json(ops.actions));
  EXPECT_EQ(joined["run"]["state"], "finished");

  const auto twice = run_conform("report merge --out " + ops.dir.path("twice") + " " +
                                 ops.dir.path("shard1") + " " + ops.dir.path("shard1"));
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("given twice"), std::string::npos) << twice.err;

  // Another seed is another run: its shard does not join.
  const auto other = run_conform("run --spec-dir " + ops.specs() +
                                 " --kind acceptance --cases 3 --seed 6 --shard 2/2 --report-dir " +
                                 ops.dir.path("other"));
  const auto mixed = run_conform("report merge --out " + ops.dir.path("mixed") + " " +
                                 ops.dir.path("shard1") + " " + ops.dir.path("other"));
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("seeds"), std::string::npos) << mixed.err;
}

TEST(cli_spec_dir, a_remote_endpoint_runs_only_what_reads_unless_a_flag_names_more) {
  ScratchDir dir("spec-dir-remote");
  const auto& seed = seed_operation();
  const std::string reader = seed.action + "Reader";
  const std::string creator = seed.action + "Creator";
  const std::string handwritten = seed.action + "Handwritten";
  write_seed_copy(dir.path("specs"), reader, imported_block("get"));
  write_seed_copy(dir.path("specs"), creator, imported_block("create"));
  // Without the "imported" block the seed operation's merged spec carries, as if written by hand.
  write_seed_copy(dir.path("specs"), handwritten, {{"imported", nullptr}});
  // TEST-NET-3: nothing answers there, and a dry run sends nothing anyway.
  const std::string remote = " --endpoint https://203.0.113.1 --region cn-hangzhou --dry-run";
  const auto r = run_conform("run --spec-dir " + dir.path("specs") + remote);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("plan: " + reader + ": runs (get, reads)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("plan: " + handwritten + ": runs (hand-written spec"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("plan: " + creator +
                       ": not run: operation type create: needs "
                       "--allow-operation " +
                       creator + " or --allow-operation-type create"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("plan: 2 of 3 operations run"), std::string::npos) << r.out;

  for (const std::string& flag :
       {" --allow-operation " + creator, std::string(" --allow-operation-type create")}) {
    const auto allowed = run_conform("run --spec-dir " + dir.path("specs") + remote + flag);
    EXPECT_NE(allowed.out.find("plan: " + creator + ": runs (create, "), std::string::npos)
        << flag << "\n"
        << allowed.out;
  }

  // A paid operation whose spec names no charge parameter: not even its type lets it run.
  ScratchDir paid_dir("spec-dir-paid");
  const std::string paid = seed.action + "Paid";
  auto paid_spec = imported_block("get", "paid");
  paid_spec["effects"] = nullptr;
  write_seed_copy(paid_dir.path("specs"), paid, paid_spec);
  const auto unguarded = run_conform("run --spec-dir " + paid_dir.path("specs") + remote);
  EXPECT_NE(unguarded.out.find("plan: " + paid +
                               ": not run: paid and its spec names no charge "
                               "parameter with a safe value: needs "
                               "--allow-billable"),
            std::string::npos)
      << unguarded.out << unguarded.err;
}

// Each operation is planned in a child of its own: its line must be the one it gets when planned
// with other company, the lines in action order, and the total their sum.
TEST(cli_spec_dir, a_dry_run_plans_each_operation_as_in_any_other_company) {
  ThreeOperations ops;
  const auto plan_lines = [&](const std::string& extra) {
    const auto r = run_conform("run --spec-dir " + ops.specs() + kQuick + " --dry-run" + extra);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    std::map<std::string, std::string> lines;
    std::vector<std::string> order;
    int requests = 0;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
      for (const auto& a : ops.actions) {
        const std::string head = "conform run: plan: " + a + ": runs (loopback): ";
        if (line.rfind(head, 0) == 0) {
          lines[a] = line;
          order.push_back(a);
          int checks = 0;
          int sent = 0;
          EXPECT_EQ(
              std::sscanf(line.c_str() + head.size(), "%d checks, %d requests", &checks, &sent), 2)
              << line;
          requests += sent;
        }
      }
    }
    EXPECT_NE(r.out.find("operations run: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(", " + std::to_string(requests) + " requests (worst case"),
              std::string::npos)
        << r.out;
    return std::make_pair(lines, order);
  };
  const auto [all, order] = plan_lines("");
  EXPECT_EQ(order, ops.actions);
  const auto [first_and_last, unused1] =
      plan_lines(" --operation " + ops.actions[0] + " --operation " + ops.actions[2]);
  const auto [last_two, unused2] =
      plan_lines(" --operation " + ops.actions[1] + " --operation " + ops.actions[2]);
  EXPECT_EQ(all.at(ops.actions[0]), first_and_last.at(ops.actions[0]));
  EXPECT_EQ(all.at(ops.actions[1]), last_two.at(ops.actions[1]));
  EXPECT_EQ(all.at(ops.actions[2]), first_and_last.at(ops.actions[2]));
  EXPECT_EQ(all.at(ops.actions[2]), last_two.at(ops.actions[2]));
}

TEST(cli_spec_dir, the_loopback_skips_the_dry_pass) {
  ThreeOperations ops;
  const auto r =
      run_conform("run --spec-dir " + ops.specs() + kQuick + " --report-dir " + ops.dir.path("r"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find("plan:"), std::string::npos) << r.out;
}

TEST(cli_spec_dir, the_mock_serves_a_directory_on_one_port) {
  ThreeOperations ops;
  MockProcess mock({"--spec-dir", ops.specs(), "--control"});
  ASSERT_FALSE(mock.url().empty());
  const auto list = run_command("curl -s " + mock.url() + "/__conform/operations");
  EXPECT_EQ(nlohmann::json::parse(list.out), nlohmann::json(ops.actions)) << list.out;
  const auto one =
      run_command("curl -s " + mock.url() + "/__conform/operations/" + ops.actions[0] + "/records");
  EXPECT_EQ(one.out, "[]\n");
}

}  // namespace
}  // namespace conform::testing
