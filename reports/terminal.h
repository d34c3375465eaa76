#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "reports/result.h"

// What a person watching a run sees. The renderers are pure functions of their inputs (colour is a
// parameter, never detected inside), so they are tested without a terminal; ProgressPrinter is the
// only part that touches a stream.
namespace conform::report {

/// Colour only on a terminal, and never when NO_COLOR is set to anything non-empty
/// (https://no-color.org). `no_color` is getenv("NO_COLOR").
bool use_colour(bool is_tty, const char* no_color);

struct Progress {
  int checks_done = 0;
  std::optional<int> checks_total;
  int cases_sent = 0;
  int failures = 0;
  std::chrono::milliseconds elapsed{0};
};

/// "[ 12/40] 340 cases  2 failed  56.3 cases/s  0:21 left", no newline: redrawn in place with \r.
std::string progress_line(const Progress& progress, bool colour);

/// "FAIL errors/period_out_of_range: 400 ... (12 cases, 0.034 s)\n": one per finished check when
/// the output is not a terminal (CI logs).
std::string check_line(const CheckResult& check, bool colour);

/// The final table: a row per kind with a column per verdict, a total row, then the overall
/// verdict and the seed.
std::string summary_table(const Results& results, bool colour);

/// The same summary as GitHub-flavoured Markdown, with the failures listed, for
/// $GITHUB_STEP_SUMMARY.
std::string markdown_summary(const Results& results);

/// Appends markdown_summary to the file named by $GITHUB_STEP_SUMMARY when it is set; returns an
/// error message when it is set but cannot be written.
std::optional<std::string> append_step_summary(const Results& results);

/// Draws the progress line on a terminal, or prints check_line per check otherwise. Feed it from
/// ReportSink::set_listener.
class ProgressPrinter {
 public:
  ProgressPrinter(std::FILE* out, bool is_tty, bool colour, std::optional<int> checks_total);
  void on_check(const CheckResult& check, const Counts& so_far);
  /// Ends the progress line so the summary starts on a fresh one.
  void finish();

 private:
  std::FILE* out_;
  bool tty_;
  bool colour_;
  std::optional<int> total_;
  std::chrono::steady_clock::time_point start_;
  bool drawn_ = false;
};

}  // namespace conform::report
