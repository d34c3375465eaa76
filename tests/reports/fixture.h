#pragma once

#include <string>

#include "reports/result.h"
#include "reports/results_json.h"
#include "tests/support/test_paths.h"

namespace conform::testing {

inline std::string fixture_path() {
  return source_path("tests/reports/golden/results.fixture.json");
}

/// The fixed run every golden file is rendered from: each verdict, kind and body type once.
inline report::Results load_fixture() {
  return report::read_results(fixture_path());
}

inline report::CheckResult make_check(std::string kind, std::string name, report::Verdict verdict) {
  report::CheckResult c;
  c.kind = std::move(kind);
  c.name = std::move(name);
  c.verdict = verdict;
  c.spec = {"specs/example.json", "rule-" + c.name, "/rules/0"};
  c.expected = {{400, "Example.Invalid"}};
  c.cases_sent = 3;
  c.duration = std::chrono::microseconds(1500);
  return c;
}

inline report::RunInfo make_run(std::uint64_t seed = 42) {
  report::RunInfo run;
  run.seed = seed;
  run.target = {"mock", "http://127.0.0.1:1", "mock"};
  run.spec_file = "specs/example.json";
  run.spec_sha256 = std::string(64, 'a');
  run.started_at = "2026-01-01T00:00:00Z";
  return run;
}

}  // namespace conform::testing
