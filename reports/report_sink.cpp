#include "reports/report_sink.h"

#include <cstdio>
#include <exception>
#include <stdexcept>

namespace conform::report {
namespace {

// results.json and junit.xml are rewritten after every check, each holding up to five exchanges
// per check: a server answering 8 MiB bodies would make every rewrite hundreds of megabytes. The
// head of a body is what a reviewer reads; the cut is said in the body itself.
constexpr std::size_t kMaxBodyInReport = 16 * 1024;

void cap_body(std::string& body) {
  if (body.size() <= kMaxBodyInReport)
    return;
  const auto dropped = body.size() - kMaxBodyInReport;
  body.resize(kMaxBodyInReport);
  body += "\n[conform: " + std::to_string(dropped) + " more bytes not kept in the report]";
}

}  // namespace

ReportSink::ReportSink(std::string out_dir, std::vector<std::string> secrets)
    : out_dir_(std::move(out_dir)), scrubber_(std::move(secrets)) {}

ReportSink::~ReportSink() {
  std::lock_guard lock(mutex_);
  if (!begun_ || ended_) {
    return;
  }
  try {
    results_.run.state = RunState::kInterrupted;
    results_.run.interruption = "the runner stopped without ending the run (exception)";
    results_.run.finished_at = utc_now_iso8601();
    write_locked(WithHtml::kYes);
  } catch (const std::exception& e) {
    // A destructor must not throw; the files of the last add() stay on disk.
    std::fprintf(stderr, "conform: cannot write the interrupted run's reports: %s\n", e.what());
  }
}

void ReportSink::begin_run(RunInfo run) {
  std::lock_guard lock(mutex_);
  if (begun_) {
    throw std::logic_error("ReportSink::begin_run called twice");
  }
  begun_ = true;
  results_.run = scrubber_.run(std::move(run));
  results_.run.state = RunState::kRunning;
  results_.run.finished_at.clear();
  if (results_.run.started_at.empty()) {
    results_.run.started_at = utc_now_iso8601();
  }
  write_locked(WithHtml::kNo);
}

void ReportSink::add(CheckResult result) {
  std::lock_guard lock(mutex_);
  if (!begun_ || ended_) {
    throw std::logic_error("ReportSink::add called outside begin_run/end_run");
  }
  // Capped after scrubbing, so no cut can leave a secret's prefix behind unscrubbed.
  results_.checks.push_back(scrubber_.check(std::move(result)));
  for (auto& e : results_.checks.back().exchanges) {
    cap_body(e.request_body);
    cap_body(e.response_body);
  }
  rendered_.add(results_.checks.back(), results_.run, scrubber_);
  // Written under the lock: two threads finishing together must not let the older snapshot
  // overwrite the newer one. A long run (hundreds of operations) writes when the checks not yet
  // on disk are a share of those that are, so the bytes written stay linear in the run.
  const std::size_t total = results_.checks.size();
  if ((total - written_checks_) * kUnwrittenShare >= total ||
      results_.checks.back().verdict == Verdict::kFailed) {
    write_locked(WithHtml::kNo);
    written_checks_ = total;
  }
  if (listener_) {
    listener_(results_.checks.back(), count(results_.checks));
  }
}

void ReportSink::set_unsent(int by_guard, int by_budget) {
  std::lock_guard lock(mutex_);
  results_.run.unsent_by_guard = by_guard;
  results_.run.unsent_by_budget = by_budget;
}

void ReportSink::set_coverage(Coverage coverage) {
  std::lock_guard lock(mutex_);
  for (auto* items :
       {&coverage.parameters, &coverage.enum_values, &coverage.boundaries, &coverage.outcomes}) {
    for (auto& item : *items) {
      item.name = scrubber_.text(item.name);
    }
  }
  results_.coverage = std::move(coverage);
}

void ReportSink::set_listener(Listener listener) {
  std::lock_guard lock(mutex_);
  listener_ = std::move(listener);
}

void ReportSink::end_run(RunState state, std::string interruption) {
  std::lock_guard lock(mutex_);
  if (!begun_ || ended_) {
    throw std::logic_error("ReportSink::end_run called outside a run");
  }
  ended_ = true;
  results_.run.state = state == RunState::kRunning ? RunState::kFinished : state;
  results_.run.interruption = scrubber_.text(interruption);
  results_.run.finished_at = utc_now_iso8601();
  write_locked(WithHtml::kYes);
}

Results ReportSink::snapshot() const {
  std::lock_guard lock(mutex_);
  return results_;
}

void ReportSink::write_locked(WithHtml html) {
  write_report_files(out_dir_, results_, rendered_, scrubber_, html);
}

}  // namespace conform::report
