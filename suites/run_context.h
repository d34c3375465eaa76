#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "reports/coverage.h"
#include "reports/result.h"
#include "suites/judge.h"
#include "suites/probe.h"
#include "suites/session.h"

namespace conform::suite {

/// The run everything reports into: the session, the seed and the results so far. Checks reach
/// it through `RunContext::current()`; `conform run` installs it before running the tests.
class RunContext {
 public:
  RunContext(std::unique_ptr<Session> session, std::uint64_t seed);
  static RunContext& current();
  static bool installed();
  static void install(RunContext* context);

  Session& session() { return *session_; }
  const Session& session() const { return *session_; }
  std::uint64_t seed() const { return seed_; }
  /// A random part of this run's client tokens, not derived from the seed (see README).
  const std::string& run_token() const { return run_token_; }
  /// Properties run so far; each may add up to its shrink budget of requests.
  void note_property() { ++properties_; }
  int properties() const { return properties_; }

  /// Every probe sent counts in the coverage matrix: what it carried and the rule it was meant to
  /// break. Only the counts stay (and the first kSentSample requests, for tests and debugging), so
  /// memory does not grow with the run.
  void note_sent(const Probe& probe, const Expectation& expected);
  static constexpr std::size_t kSentSample = 64;
  std::vector<report::SentRequest> sent() const;
  long sent_count() const;
  report::Coverage coverage() const;

  /// Called when a check finishes; listeners (report writers, the terminal) see each result.
  void add(report::CheckResult result);
  std::vector<report::CheckResult> results() const;
  void on_result(std::function<void(const report::CheckResult&)> listener) {
    listeners_.push_back(std::move(listener));
  }

 private:
  std::unique_ptr<Session> session_;
  std::uint64_t seed_;
  std::string run_token_;
  int properties_ = 0;
  mutable std::mutex mutex_;
  std::vector<report::CheckResult> results_;
  report::CoverageTally coverage_;
  long sent_count_ = 0;
  std::vector<report::SentRequest> sent_;  // the first kSentSample
  std::vector<std::function<void(const report::CheckResult&)>> listeners_;
};

}  // namespace conform::suite
