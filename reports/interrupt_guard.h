#pragma once

#include <string>

// Lets a runner stop between checks on Ctrl-C and still end the run properly: the handler only
// sets a flag (nothing else is async-signal-safe), the runner polls requested() after each check
// and calls ReportSink::end_run(RunState::kInterrupted, reason()). A second signal ends the
// process at once, for a check that hangs.
namespace conform::report {

class InterruptGuard {
 public:
  /// Installs handlers for SIGINT and SIGTERM; only one guard may exist at a time.
  InterruptGuard();
  /// Restores the handlers that were there before.
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  bool requested() const;
  /// "SIGINT" or "SIGTERM"; empty when no signal came.
  std::string reason() const;
  /// The signal's number; 0 when none came.
  int signal() const;
};

}  // namespace conform::report
