#include "reports/report_sink.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <pugixml.hpp>
#include <thread>

#include "reports/html_writer.h"
#include "reports/interrupt_guard.h"
#include "reports/junit_writer.h"
#include "reports/results_json.h"
#include "tests/reports/fixture.h"
#include "tests/support/run_command.h"

// The Catch2 X36 idea: a run that dies mid-way must still leave reports that parse. A child
// process adds results slowly and is killed while the parent watches the files.
namespace conform::report {
namespace {

using conform::testing::make_check;
using conform::testing::make_run;
using conform::testing::ScratchDir;

enum class Death { kSigkill, kSigintHandled, kAbortInCheck };

// Runs in the child: adds checks every few milliseconds until told to stop (500 at most, so a
// parent that fails to kill it does not leave it running for long).
[[noreturn]] void child_run(const std::string& dir, Death death) {
  std::optional<InterruptGuard> guard;
  if (death == Death::kSigintHandled) {
    guard.emplace();
  }
  ReportSink sink(dir);
  sink.begin_run(make_run());
  for (int i = 0; i < 500; ++i) {
    if (guard && guard->requested()) {
      sink.end_run(RunState::kInterrupted, guard->reason());
      std::_Exit(130);
    }
    if (death == Death::kAbortInCheck && i == 5) {
      std::abort();  // a crash inside a check: no destructor, no end_run
    }
    auto c = make_check(i % 2 ? "errors" : "validation", "check " + std::to_string(i),
                        i % 3 ? Verdict::kPassed : Verdict::kFailed);
    c.message = std::string(2000, 'x');  // big enough that a write takes measurable time
    sink.add(c);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  sink.end_run();
  std::_Exit(0);
}

// Reads results.json until it holds at least `n` checks. Every read must succeed: a half-written
// file would throw here.
std::size_t wait_for_checks(const std::string& dir, std::size_t n) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(dir + "/results.json")) {
      const auto got = read_results(dir + "/results.json").checks.size();
      if (got >= n) {
        return got;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return 0;
}

struct Left {
  Results results;
  pugi::xml_document junit;
  bool junit_parsed = false;
};

Left read_what_is_left(const std::string& dir) {
  Left left;
  left.results = read_results(dir + "/results.json");
  left.junit_parsed = static_cast<bool>(left.junit.load_file((dir + "/junit.xml").c_str()));
  return left;
}

int xmllint_schema(const std::string& file) {
  return conform::testing::run_command("xmllint --noout --schema '" +
                                       conform::testing::source_path("reports/schema/junit.xsd") +
                                       "' '" + file + "'")
      .exit_code;
}

int run_child_and(Death death, const std::string& dir, int signal_to_send) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    child_run(dir, death);
  }
  EXPECT_GE(wait_for_checks(dir, 5), 5u);
  if (signal_to_send != 0) {
    ::kill(pid, signal_to_send);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

TEST(report_sink, sigkill_mid_run_leaves_files_that_parse_and_say_the_run_did_not_finish) {
  ScratchDir dir("sink-kill");
  const int status = run_child_and(Death::kSigkill, dir.path(), SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status));
  const Left left = read_what_is_left(dir.path());
  EXPECT_GE(left.results.checks.size(), 5u);
  EXPECT_EQ(left.results.run.state, RunState::kRunning);
  ASSERT_TRUE(left.junit_parsed);
  const auto root = left.junit.child("testsuites");
  // Every finished check is a testcase, plus the one that says the run stopped.
  EXPECT_GE(root.attribute("tests").as_int(), static_cast<int>(left.results.checks.size()));
  EXPECT_TRUE(
      left.junit.select_node("//testsuite[@name='run']/testcase/error[@type='interrupted']"));
  EXPECT_EQ(xmllint_schema(dir.path("junit.xml")), 0);
  // A kill during a write may leave its temporary file, but hidden and named so that no CI glob
  // for reports (*.xml, *.json, *.html) picks it up.
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    if (name != "results.json" && name != "junit.xml") {
      EXPECT_TRUE(name.starts_with(".") && name.ends_with(".tmp")) << name;
    }
  }
}

TEST(report_sink, handled_sigint_ends_the_run_as_interrupted_with_every_report) {
  ScratchDir dir("sink-sigint");
  const int status = run_child_and(Death::kSigintHandled, dir.path(), SIGINT);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const Left left = read_what_is_left(dir.path());
  EXPECT_EQ(left.results.run.state, RunState::kInterrupted);
  EXPECT_EQ(left.results.run.interruption, "SIGINT");
  EXPECT_FALSE(left.results.run.finished_at.empty());
  ASSERT_TRUE(left.junit_parsed);
  EXPECT_EQ(left.junit.child("testsuites").attribute("tests").as_int(),
            static_cast<int>(left.results.checks.size()) + 1);
  EXPECT_TRUE(std::filesystem::exists(dir.path("report.html")));
  EXPECT_EQ(xmllint_schema(dir.path("junit.xml")), 0);
}

TEST(report_sink, crash_inside_a_check_keeps_the_checks_before_it) {
  ScratchDir dir("sink-abort");
  const pid_t pid = ::fork();
  if (pid == 0) {
    child_run(dir.path(), Death::kAbortInCheck);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGABRT);
  const Left left = read_what_is_left(dir.path());
  EXPECT_EQ(left.results.checks.size(), 5u);
  ASSERT_TRUE(left.junit_parsed);
  EXPECT_EQ(left.junit.child("testsuites").attribute("tests").as_int(), 6);
  EXPECT_EQ(xmllint_schema(dir.path("junit.xml")), 0);
}

TEST(report_sink, finished_run_writes_all_three_files) {
  ScratchDir dir("sink-finish");
  {
    ReportSink sink(dir.path("out"));
    sink.begin_run(make_run());
    EXPECT_TRUE(std::filesystem::exists(dir.path("out/results.json")));
    EXPECT_FALSE(std::filesystem::exists(dir.path("out/report.html")));
    sink.add(make_check("errors", "a", Verdict::kPassed));
    sink.end_run();
    EXPECT_THROW(sink.add(make_check("errors", "b", Verdict::kPassed)), std::logic_error);
  }
  const Results r = read_results(dir.path("out/results.json"));
  EXPECT_EQ(r.run.state, RunState::kFinished);
  EXPECT_EQ(r.checks.size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(dir.path("out/report.html")));
}

TEST(report_sink, bodies_are_capped_so_an_endless_body_cannot_swell_every_rewrite) {
  ScratchDir dir("sink-cap");
  ReportSink sink(dir.path("out"), {"s3cr3t"});
  sink.begin_run(make_run());
  auto check = make_check("errors", "big", Verdict::kFailed);
  http::Exchange e;
  e.response_body = std::string(16380, '[') + "s3cr3t" + std::string(8 << 20, '[');
  check.exchanges.push_back(e);
  sink.add(check);
  sink.end_run();
  const auto kept = sink.snapshot().checks[0].exchanges[0].response_body;
  EXPECT_LT(kept.size(), 17u * 1024);
  EXPECT_NE(kept.find("more bytes not kept in the report]"), std::string::npos);
  // The secret straddled the cut; scrubbing came first, so not even its head is left.
  EXPECT_EQ(kept.find("s3c"), std::string::npos);
  EXPECT_LT(std::filesystem::file_size(dir.path("out/results.json")), 100u * 1024);
}

TEST(report_sink, incremental_files_equal_a_whole_rendering_of_the_same_results) {
  ScratchDir dir("sink-incremental");
  const Results fixture = conform::testing::load_fixture();
  ReportSink sink(dir.path());
  sink.begin_run(fixture.run);
  for (const auto& c : fixture.checks) {
    sink.add(c);
  }
  sink.set_coverage(fixture.coverage);
  sink.end_run();
  const Results written = sink.snapshot();
  EXPECT_EQ(conform::testing::read_text(dir.path("results.json")), to_json_text(written));
  EXPECT_EQ(conform::testing::read_text(dir.path("junit.xml")), render_junit(written));
  EXPECT_EQ(conform::testing::read_text(dir.path("report.html")), render_html(written));
}

TEST(report_sink, destroyed_without_end_run_records_an_interrupted_run) {
  ScratchDir dir("sink-unwind");
  try {
    ReportSink sink(dir.path());
    sink.begin_run(make_run());
    sink.add(make_check("errors", "a", Verdict::kPassed));
    throw std::runtime_error("a suite threw");
  } catch (const std::runtime_error&) {
  }
  const Results r = read_results(dir.path("results.json"));
  EXPECT_EQ(r.run.state, RunState::kInterrupted);
  EXPECT_NE(r.run.interruption.find("exception"), std::string::npos);
}

TEST(report_sink, parallel_adds_lose_nothing) {
  ScratchDir dir("sink-threads");
  ReportSink sink(dir.path());
  sink.begin_run(make_run());
  int listened = 0;
  sink.set_listener([&](const CheckResult&, const Counts&) { ++listened; });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        sink.add(make_check("k" + std::to_string(t), std::to_string(i), Verdict::kPassed));
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  sink.end_run();
  EXPECT_EQ(read_results(dir.path("results.json")).checks.size(), 40u);
  EXPECT_EQ(listened, 40);
}

}  // namespace
}  // namespace conform::report
