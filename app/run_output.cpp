#include "app/run_output.h"

#include <strings.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>

#include "app/exit_codes.h"
#include "core/spec/evaluate.h"
#include "reports/terminal.h"

namespace conform::app {
namespace {

report::Verdict to_report(suite::Verdict v) {
  switch (v) {
    case suite::Verdict::kPassed:
      return report::Verdict::kPassed;
    case suite::Verdict::kFailed:
      return report::Verdict::kFailed;
    case suite::Verdict::kSkipped:
      return report::Verdict::kSkipped;
    case suite::Verdict::kInconclusive:
      return report::Verdict::kInconclusive;
    case suite::Verdict::kObservation:
      return report::Verdict::kObservation;
  }
  return report::Verdict::kSkipped;
}

}  // namespace

report::CheckResult to_report(const suite::CheckResult& r, const std::string& spec_file) {
  report::CheckResult out;
  out.kind = r.kind;
  out.name = r.name;
  const auto hash = r.spec_ref.find('#');
  out.spec = {spec_file, hash == std::string::npos ? "" : r.spec_ref.substr(hash + 1), ""};
  out.verdict = to_report(r.verdict);
  out.message = r.message;
  out.duration = std::chrono::microseconds(static_cast<long long>(r.seconds * 1e6));
  out.cases_sent = r.cases;
  // The deciding case: the shrunk counterexample when there is one, else the first failing case.
  const suite::CaseOutcome* deciding = r.counterexample ? &*r.counterexample : nullptr;
  if (!deciding && !r.failures.empty())
    deciding = &r.failures.front();
  if (deciding) {
    // The rule the deciding case broke is the precise place in the contract.
    if (!deciding->expected.rule_id.empty())
      out.spec.rule = deciding->expected.rule_id;
    out.expected = deciding->expected.accepted;
    if (deciding->judgement.got || deciding->exchange.status != 0) {
      out.observed = report::Observed{
          deciding->exchange.status, deciding->judgement.got ? deciding->judgement.got->code : "",
          http::find_header(deciding->exchange.response_headers, "content-type").value_or("")};
    }
    report::Counterexample cx{
        deciding->description + " (" + suite::describe_style(deciding->probe) + ")", {}};
    for (const auto& p : deciding->probe.params)
      cx.parameters.emplace_back(p.name, p.value);
    out.counterexample = std::move(cx);
    out.replay_command = deciding->exchange.replay_command;
    out.exchanges.push_back(deciding->exchange);
  }
  for (const auto& f : r.failures) {
    if (out.exchanges.size() >= 5)
      break;
    if (&f != deciding)
      out.exchanges.push_back(f.exchange);
  }
  out.retries = r.retries;
  return out;
}

report::Coverage coverage_of(const spec::Operation& op,
                             const std::vector<std::pair<suite::Probe, suite::Expectation>>& sent) {
  std::map<std::string, std::uint64_t> params, enums, bounds, outcomes;
  std::vector<std::string> param_order, enum_order, bound_order;
  for (const auto& p : op.parameters) {
    param_order.push_back(p.name);
    for (const auto& v : p.enum_values)
      enum_order.push_back(p.name + "=" + v);
    if (p.minimum)
      bound_order.push_back(p.name + "=" + std::to_string(*p.minimum) + " (min)");
    if (p.maximum)
      bound_order.push_back(p.name + "=" + std::to_string(*p.maximum) + " (max)");
    for (const auto& c : p.conditional) {
      const std::string when = " (when " + c.when.param + "=" + c.when.equals + ")";
      if (c.minimum)
        bound_order.push_back(p.name + "=" + std::to_string(*c.minimum) + when);
      if (c.maximum)
        bound_order.push_back(p.name + "=" + std::to_string(*c.maximum) + when);
    }
  }
  for (const auto& [probe, expected] : sent) {
    spec::ParamMap map;
    for (const auto& p : probe.params)
      map.emplace(p.name, p.value);
    for (const auto& [name, value] : map) {
      ++params[name];
      ++enums[name + "=" + value];
      const auto* p = op.find_parameter(name);
      if (!p || expected.kind != suite::Expectation::Kind::kSuccess)
        continue;
      if (p->minimum && value == std::to_string(*p->minimum))
        ++bounds[name + "=" + value + " (min)"];
      if (p->maximum && value == std::to_string(*p->maximum))
        ++bounds[name + "=" + value + " (max)"];
      for (const auto& c : p->conditional) {
        if (spec::effective_value(op, map, c.when.param) != c.when.equals)
          continue;
        const std::string when = " (when " + c.when.param + "=" + c.when.equals + ")";
        if ((c.minimum && value == std::to_string(*c.minimum)) ||
            (c.maximum && value == std::to_string(*c.maximum))) {
          ++bounds[name + "=" + value + when];
        }
      }
    }
    if (expected.kind == suite::Expectation::Kind::kRejection) {
      for (const auto& r : op.rules) {
        if (r.id == expected.rule_id)
          ++outcomes[op.outcome_of(r).id];
      }
    }
  }
  report::Coverage out;
  for (const auto& n : param_order)
    out.parameters.push_back({n, params[n]});
  for (const auto& n : enum_order)
    out.enum_values.push_back({n, enums[n]});
  for (const auto& n : bound_order)
    out.boundaries.push_back({n, bounds[n]});
  for (const auto& o : op.outcomes) {
    if (!o.common || outcomes.count(o.id))
      out.outcomes.push_back({o.id, outcomes[o.id]});
  }
  return out;
}

RunReports::RunReports(const std::string& report_dir, const std::vector<std::string>& secrets)
    : dir_(report_dir), sink_(std::make_unique<report::ReportSink>(report_dir, secrets)) {}

void RunReports::begin(suite::RunState& state, std::uint64_t seed, int checks_total) {
  const auto& session = state.session();
  report::RunInfo info;
  info.seed = seed;
  info.target = {session.target().name, session.endpoint(),
                 session.target().is_embedded_mock() ? "mock" : "live"};
  info.spec_file = session.op().file;
  info.spec_sha256 = session.op().sha256;
  info.started_at = report::utc_now_iso8601();
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
  const std::string spec_file = session.op().file;
  state.on_result(
      [this, spec_file](const suite::CheckResult& r) { sink_->add(to_report(r, spec_file)); });
}

int RunReports::finish(const suite::RunState& state, int gtest_status, int signal,
                       const std::string& interruption) {
  auto& s = const_cast<suite::RunState&>(state);
  sink_->set_coverage(coverage_of(s.session().op(), s.sent()));
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
  std::printf("conform run: %d requests; reports in %s (results.json, junit.xml, report.html)\n",
              s.session().requests_sent(), dir_.c_str());
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
