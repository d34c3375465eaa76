#include "reports/terminal.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/reports/fixture.h"

namespace conform::report {
namespace {

using conform::testing::load_fixture;
using conform::testing::make_check;

TEST(terminal, colour_only_on_a_tty_without_no_color) {
  EXPECT_TRUE(use_colour(true, nullptr));
  EXPECT_TRUE(use_colour(true, ""));
  EXPECT_FALSE(use_colour(true, "1"));
  EXPECT_FALSE(use_colour(false, nullptr));
}

TEST(terminal, progress_line_shows_counts_rate_and_time_left) {
  const Progress p{12, 40, 340, 2, std::chrono::milliseconds(6000)};
  EXPECT_EQ(progress_line(p, false), "[12/40] 340 cases  2 failed  56.7 cases/s  0:14 left");
  EXPECT_EQ(progress_line({3, std::nullopt, 9, 0, std::chrono::milliseconds(0)}, false),
            "[3] 9 cases  0 failed");
  EXPECT_NE(progress_line(p, true).find("\x1b[1;31m2 failed\x1b[0m"), std::string::npos);
}

TEST(terminal, plain_output_has_no_escape_codes) {
  const Results r = load_fixture();
  for (const auto& c : r.checks) {
    EXPECT_EQ(check_line(c, false).find('\x1b'), std::string::npos);
  }
  EXPECT_EQ(summary_table(r, false).find('\x1b'), std::string::npos);
  EXPECT_NE(summary_table(r, true).find('\x1b'), std::string::npos);
}

TEST(terminal, check_line_for_a_failure_says_what_the_contract_accepts) {
  auto c = make_check("errors", "missing", Verdict::kFailed);
  c.observed = Observed{200, "", "application/json"};
  EXPECT_EQ(check_line(c, false),
            "FAIL errors/missing: rule-missing: accepts 400 Example.Invalid; got 200 "
            "(application/json) (3 cases, 0.002 s)\n");
}

TEST(terminal, markdown_summary_is_appended_to_the_github_step_summary) {
  conform::testing::ScratchDir dir("step-summary");
  const std::string path = dir.path("summary.md");
  conform::testing::write_text(path, "before\n");
  ::setenv("GITHUB_STEP_SUMMARY", path.c_str(), 1);
  EXPECT_FALSE(append_step_summary(load_fixture()).has_value());
  ::unsetenv("GITHUB_STEP_SUMMARY");
  const std::string text = conform::testing::read_text(path);
  EXPECT_EQ(text.substr(0, 7), "before\n");
  EXPECT_NE(text.find("### \u274c conform: not conformant"), std::string::npos);
  EXPECT_NE(text.find("| **total** | 4 | 2 | 1 | 2 | 1 | 493 |"), std::string::npos);
}

std::string printed(bool tty) {
  std::FILE* f = std::tmpfile();
  ProgressPrinter printer(f, tty, false, 2);
  Counts so_far;
  auto pass = make_check("errors", "a", Verdict::kPassed);
  so_far.total = 1;
  so_far.cases_sent = 3;
  printer.on_check(pass, so_far);
  auto fail = make_check("errors", "b", Verdict::kFailed);
  so_far.total = 2;
  so_far.failed = 1;
  so_far.cases_sent = 6;
  printer.on_check(fail, so_far);
  printer.finish();
  std::rewind(f);
  std::string out;
  for (int c = std::fgetc(f); c != EOF; c = std::fgetc(f)) {
    out += static_cast<char>(c);
  }
  std::fclose(f);
  return out;
}

TEST(terminal, progress_printer_prints_lines_to_a_log_and_redraws_on_a_tty) {
  EXPECT_EQ(printed(false),
            "PASS errors/a (3 cases, 0.002 s)\n"
            "FAIL errors/b: rule-b: accepts 400 Example.Invalid (3 cases, 0.002 s)\n");
  const std::string tty = printed(true);
  EXPECT_EQ(tty.substr(0, 11), "\r\x1b[2K[1/2] ");
  EXPECT_NE(tty.find("\r\x1b[2KFAIL errors/b"), std::string::npos);
  EXPECT_EQ(tty.back(), '\n');
}

}  // namespace
}  // namespace conform::report
