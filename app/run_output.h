#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "reports/report_sink.h"
#include "reports/terminal.h"
#include "suites/run_context.h"

namespace conform::app {

/// What a replay reproduces; printed with the seed and recorded in results.json.
extern const char* const kReplayNote;

/// The run's reports, over every operation it runs: a sink kept current on disk after every check
/// (so an interrupted run still leaves well-formed results.json and junit.xml), and the live
/// progress on the terminal.
class RunReports {
 public:
  RunReports(const std::string& report_dir, const std::vector<std::string>& secrets);
  /// Starts the files.
  void begin(const report::RunInfo& info, int checks_total);
  /// Routes every finished check of `state` into the files, named with `operation`.
  void attach(suite::RunContext& state, const std::string& operation);
  /// Adds what an operation's run exercised and sent, once its checks are done. `prefix`: put
  /// before each coverage item's name (the operation, when the run has several).
  void add_totals(const suite::RunContext& state, const std::string& prefix);
  /// Writes the final reports and the summary; returns the run's exit code: 1 when a check failed,
  /// 128 + `signal` when the run was interrupted by it (the reports say "interrupted"), 3 when none
  /// failed but some stayed inconclusive (or none passed), 2 when the suite itself broke
  /// (GoogleTest failed a test that recorded no failure), else 0.
  int finish(int gtest_status, int signal = 0, const std::string& interruption = {});

 private:
  std::string dir_;
  std::unique_ptr<report::ReportSink> sink_;
  std::unique_ptr<report::ProgressPrinter> progress_;
  bool colour_ = false;
  report::Coverage coverage_;
  long admitted_ = 0;
  long refused_by_guard_ = 0;
  long refused_by_budget_ = 0;
};

}  // namespace conform::app
