#include "app/run_output.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "app/exit_codes.h"
#include "reports/terminal.h"

namespace conform::app {
namespace {

void add_items(std::vector<report::CoverageItem>& into,
               const std::vector<report::CoverageItem>& from, const std::string& prefix) {
  for (auto item : from) {
    item.name = prefix + item.name;
    into.push_back(std::move(item));
  }
}

}  // namespace

const char* const kReplayNote =
    "--seed reproduces every case and value except client tokens and nonces, which carry a "
    "random part fresh in every run so that a replay never meets an earlier run's orders";

RunReports::RunReports(const std::string& report_dir, const std::vector<std::string>& secrets)
    : dir_(report_dir), sink_(std::make_unique<report::ReportSink>(report_dir, secrets)) {}

void RunReports::begin(const report::RunInfo& info, int checks_total) {
  sink_->begin_run(info);
  const bool tty = ::isatty(STDOUT_FILENO) != 0;
  colour_ = report::use_colour(tty, std::getenv("NO_COLOR"));
  progress_ = std::make_unique<report::ProgressPrinter>(
      stdout, tty, colour_, checks_total > 0 ? std::optional<int>(checks_total) : std::nullopt);
  sink_->set_listener(
      [this](const report::CheckResult& r, const report::Counts& c) { progress_->on_check(r, c); });
}

void RunReports::attach(suite::RunContext& state, const std::string& operation) {
  state.on_result([this, operation](const report::CheckResult& r) {
    auto named = r;
    named.operation = operation;
    sink_->add(std::move(named));
  });
}

void RunReports::add_totals(const suite::RunContext& state, const std::string& prefix) {
  const auto coverage = state.coverage();
  add_items(coverage_.parameters, coverage.parameters, prefix);
  add_items(coverage_.enum_values, coverage.enum_values, prefix);
  add_items(coverage_.boundaries, coverage.boundaries, prefix);
  add_items(coverage_.outcomes, coverage.outcomes, prefix);
  const auto& session = state.session();
  admitted_ += session.admitted();
  refused_by_guard_ += session.refused_by_guard();
  refused_by_budget_ += session.refused_by_budget();
}

int RunReports::finish(int gtest_status, int signal, const std::string& interruption) {
  sink_->set_coverage(coverage_);
  sink_->set_unsent(static_cast<int>(refused_by_guard_), static_cast<int>(refused_by_budget_));
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
      admitted_, dir_.c_str());
  if (refused_by_guard_ + refused_by_budget_ > 0) {
    std::printf(
        "conform run: not sent: %ld held back by the billing guard, %ld past a budget; the "
        "checks they belong to are inconclusive or skipped and name the reason\n",
        refused_by_guard_, refused_by_budget_);
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
