#include "app/run_output.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "app/exit_codes.h"
#include "reports/terminal.h"

namespace conform::app {

const char* const kReplayNote =
    "--seed reproduces every case and value except client tokens and nonces, which carry a "
    "random part fresh in every run so that a replay never meets an earlier run's orders";

RunReports::RunReports(const std::string& report_dir, const std::vector<std::string>& secrets)
    : dir_(report_dir), sink_(std::make_unique<report::ReportSink>(report_dir, secrets)) {}

void RunReports::begin(suite::RunContext& state, std::uint64_t seed, int checks_total) {
  const auto& session = state.session();
  report::RunInfo info;
  info.seed = seed;
  info.target = {session.target().name, session.endpoint(),
                 session.target().is_embedded_mock() ? "mock" : "live"};
  info.spec_file = session.op().file;
  info.spec_sha256 = session.op().sha256;
  info.started_at = report::utc_now_iso8601();
  info.replay = kReplayNote;
  if (const char* total = std::getenv("GTEST_TOTAL_SHARDS"))
    info.shard_total = std::atoi(total);
  if (const char* index = std::getenv("GTEST_SHARD_INDEX"))
    info.shard_index = std::atoi(index);
  sink_->begin_run(info);
  const bool tty = ::isatty(STDOUT_FILENO) != 0;
  colour_ = report::use_colour(tty, std::getenv("NO_COLOR"));
  progress_ = std::make_unique<report::ProgressPrinter>(
      stdout, tty, colour_, checks_total > 0 ? std::optional<int>(checks_total) : std::nullopt);
  sink_->set_listener(
      [this](const report::CheckResult& r, const report::Counts& c) { progress_->on_check(r, c); });
  state.on_result([this](const report::CheckResult& r) { sink_->add(r); });
}

int RunReports::finish(const suite::RunContext& state, int gtest_status, int signal,
                       const std::string& interruption) {
  const auto& session = state.session();
  sink_->set_coverage(state.coverage());
  sink_->set_unsent(static_cast<int>(session.refused_by_guard()),
                    static_cast<int>(session.refused_by_budget()));
  if (signal != 0) {
    sink_->end_run(report::RunState::kInterrupted, interruption);
  } else {
    sink_->end_run();
  }
  progress_->finish();
  const auto results = sink_->snapshot();
  std::printf("\n%s", report::summary_table(results, colour_).c_str());
  if (auto error = report::append_step_summary(results))
    std::fprintf(stderr, "conform run: %s\n", error->c_str());
  std::printf(
      "conform run: %ld requests sent; reports in %s (results.json, junit.xml, report.html)\n",
      session.admitted(), dir_.c_str());
  if (session.refused_by_guard() + session.refused_by_budget() > 0) {
    std::printf(
        "conform run: not sent: %ld held back by the billing guard, %ld past a budget; the "
        "checks they belong to are inconclusive or skipped and name the reason\n",
        session.refused_by_guard(), session.refused_by_budget());
  }
  const auto counts = report::count(results.checks);
  if (counts.failed > 0)
    return kExitNonConformant;
  if (signal != 0) {
    std::printf("conform run: interrupted (%s); unfinished checks are marked not run\n",
                interruption.c_str());
    return kExitInterruptedBase + signal;
  }
  if (gtest_status != 0)
    return kExitUsage;  // a test failed outside any check: the suite broke
  if (counts.inconclusive > 0)
    return kExitInconclusive;
  if (counts.passed == 0) {
    std::printf("conform run: no check passed, so nothing was shown to conform\n");
    return kExitInconclusive;
  }
  return kExitConformant;
}

}  // namespace conform::app
