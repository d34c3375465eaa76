#include "reports/result.h"

#include <algorithm>
#include <ctime>

namespace conform::report {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPassed:
      return "passed";
    case Verdict::kFailed:
      return "failed";
    case Verdict::kSkipped:
      return "skipped";
    case Verdict::kInconclusive:
      return "inconclusive";
    case Verdict::kObservation:
      return "observation";
  }
  return "skipped";
}

std::optional<Verdict> verdict_from_string(std::string_view text) {
  for (Verdict v : {Verdict::kPassed, Verdict::kFailed, Verdict::kSkipped, Verdict::kInconclusive,
                    Verdict::kObservation}) {
    if (to_string(v) == text) {
      return v;
    }
  }
  return std::nullopt;
}

std::string_view to_string(RunState state) {
  switch (state) {
    case RunState::kRunning:
      return "running";
    case RunState::kFinished:
      return "finished";
    case RunState::kInterrupted:
      return "interrupted";
  }
  return "running";
}

std::optional<RunState> run_state_from_string(std::string_view text) {
  for (RunState s : {RunState::kRunning, RunState::kFinished, RunState::kInterrupted}) {
    if (to_string(s) == text) {
      return s;
    }
  }
  return std::nullopt;
}

namespace {

void add_to(Counts& c, const CheckResult& r) {
  ++c.total;
  switch (r.verdict) {
    case Verdict::kPassed:
      ++c.passed;
      break;
    case Verdict::kFailed:
      ++c.failed;
      break;
    case Verdict::kSkipped:
      ++c.skipped;
      break;
    case Verdict::kInconclusive:
      ++c.inconclusive;
      break;
    case Verdict::kObservation:
      ++c.observation;
      break;
  }
  c.cases_sent += r.cases_sent;
  c.retries += r.retries;
  c.duration += r.duration;
}

}  // namespace

Counts count(const std::vector<CheckResult>& checks) {
  Counts c;
  for (const auto& r : checks) {
    add_to(c, r);
  }
  return c;
}

Counts count(const std::vector<CheckResult>& checks, std::string_view kind) {
  Counts c;
  for (const auto& r : checks) {
    if (r.kind == kind) {
      add_to(c, r);
    }
  }
  return c;
}

Counts count_operation(const std::vector<CheckResult>& checks, std::string_view operation) {
  Counts c;
  for (const auto& r : checks) {
    if (r.operation == operation) {
      add_to(c, r);
    }
  }
  return c;
}

Overall overall(const Results& results) {
  const Counts c = count(results.checks);
  if (c.failed > 0) {
    return Overall::kNonConformant;
  }
  if (results.run.state != RunState::kFinished) {
    return Overall::kInterrupted;
  }
  if (c.inconclusive > 0) {
    return Overall::kInconclusive;
  }
  return Overall::kConformant;
}

std::string_view to_string(Overall o) {
  switch (o) {
    case Overall::kConformant:
      return "conformant";
    case Overall::kNonConformant:
      return "not conformant";
    case Overall::kInterrupted:
      return "interrupted";
    case Overall::kInconclusive:
      return "inconclusive";
  }
  return "inconclusive";
}

std::vector<std::string> kinds_in_order(const std::vector<CheckResult>& checks) {
  std::vector<std::string> kinds;
  for (const auto& r : checks) {
    if (std::find(kinds.begin(), kinds.end(), r.kind) == kinds.end()) {
      kinds.push_back(r.kind);
    }
  }
  return kinds;
}

std::vector<std::string> operations_in_order(const std::vector<CheckResult>& checks) {
  std::vector<std::string> operations;
  for (const auto& r : checks) {
    if (std::find(operations.begin(), operations.end(), r.operation) == operations.end()) {
      operations.push_back(r.operation);
    }
  }
  return operations;
}

std::vector<CheckResult> checks_of(const std::vector<CheckResult>& checks,
                                   std::string_view operation) {
  std::vector<CheckResult> out;
  for (const auto& r : checks) {
    if (r.operation == operation)
      out.push_back(r);
  }
  return out;
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int Counts::of(Verdict v) const {
  switch (v) {
    case Verdict::kPassed:
      return passed;
    case Verdict::kFailed:
      return failed;
    case Verdict::kSkipped:
      return skipped;
    case Verdict::kInconclusive:
      return inconclusive;
    case Verdict::kObservation:
      return observation;
  }
  return 0;
}

}  // namespace conform::report
