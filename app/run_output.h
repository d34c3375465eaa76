#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "reports/report_sink.h"
#include "reports/terminal.h"
#include "suites/run_context.h"

namespace conform::app {

/// The run's reports: a sink kept current on disk after every check (so an interrupted run still
/// leaves well-formed results.json and junit.xml), and the live progress on the terminal.
/// What a replay reproduces; printed with the seed and recorded in results.json.
extern const char* const kReplayNote;

class RunReports {
 public:
  RunReports(const std::string& report_dir, const std::vector<std::string>& secrets);
  /// Starts the files and routes every finished check of `state` into them.
  void begin(suite::RunContext& state, std::uint64_t seed, int checks_total);
  /// Writes the final reports and the summary; returns the run's exit code: 1 when a check failed,
  /// 128 + `signal` when the run was interrupted by it (the reports say "interrupted"), 3 when none
  /// failed but some stayed inconclusive (or none passed), 2 when the suite itself broke
  /// (GoogleTest failed a test that recorded no failure), else 0.
  int finish(const suite::RunContext& state, int gtest_status, int signal = 0,
             const std::string& interruption = {});

 private:
  std::string dir_;
  std::unique_ptr<report::ReportSink> sink_;
  std::unique_ptr<report::ProgressPrinter> progress_;
  bool colour_ = false;
};

}  // namespace conform::app
