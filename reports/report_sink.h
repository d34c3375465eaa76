#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "reports/report_files.h"
#include "reports/result.h"
#include "reports/scrub.h"

// What suites report to. After every add() the output directory holds a complete results.json and
// junit.xml for the checks finished so far (in a run of more than kUnwrittenShare checks, for all
// but the last 1/kUnwrittenShare of them; a failed check is always written at once), each
// replaced atomically, so a run killed at any moment (SIGKILL, a crash in a check) still leaves
// files that parse. Until end_run the files say
// the run is "running", which readers show as a run that did not finish.
namespace conform::report {

class ReportSink {
 public:
  /// Called after each add() with the stored (scrubbed) result and the counts so far, e.g. to draw
  /// a progress line. Runs under the sink's lock: keep it short, and never call the sink from it.
  using Listener = std::function<void(const CheckResult&, const Counts&)>;

  /// `secrets`: values no output may contain (AccessKey secret, security token); every string
  /// given to the sink is scrubbed of them, and so is every rendered byte.
  explicit ReportSink(std::string out_dir, std::vector<std::string> secrets = {});

  /// A run begun and never ended (an exception unwound past the runner) is written as interrupted.
  ~ReportSink();

  ReportSink(const ReportSink&) = delete;
  ReportSink& operator=(const ReportSink&) = delete;

  /// Writes empty results at once, so even a run that dies in its first check leaves a report.
  void begin_run(RunInfo run);

  /// Thread-safe. Throws std::logic_error before begin_run or after end_run.
  void add(CheckResult result);

  void set_coverage(Coverage coverage);
  /// Requests held back by the billing guard and by the budgets, for the run record.
  void set_unsent(int by_guard, int by_budget);
  void set_listener(Listener listener);

  /// Stamps finished_at and the state, and writes all three files (report.html only here: it is
  /// the costly one, and `conform report render` rebuilds it from results.json after a kill).
  /// `interruption` says why a run stopped early, e.g. "SIGINT".
  void end_run(RunState state = RunState::kFinished, std::string interruption = {});

  Results snapshot() const;
  std::string out_dir() const { return out_dir_; }

 private:
  void write_locked(WithHtml html);

  std::string out_dir_;
  Scrubber scrubber_;
  mutable std::mutex mutex_;
  Results results_;
  RenderedChecks rendered_;  // results_.checks, each rendered once when added
  bool begun_ = false;
  bool ended_ = false;
  Listener listener_;
  std::size_t written_checks_ = 0;  // checks in the files on disk
  static constexpr std::size_t kUnwrittenShare = 64;
};

}  // namespace conform::report
