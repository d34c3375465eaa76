#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http/exchange.h"
#include "core/spec/model.h"

// The record every suite fills and every report reads: one CheckResult per check, plus what the
// run was (RunInfo) and what it exercised (Coverage). Reports never look at anything else, so a
// results.json is enough to re-render them anywhere.
namespace conform::report {

enum class Verdict {
  kPassed,
  kFailed,
  kSkipped,       // not run: no trigger known, not applicable to the target, filtered out
  kInconclusive,  // run but said nothing (throttled, unreachable, transient outcome)
  kObservation,   // differs from an answer the contract does not settle; never a failure
};

std::string_view to_string(Verdict verdict);
std::optional<Verdict> verdict_from_string(std::string_view text);

/// Where in the contract a check comes from: the spec file and a rule id or a JSON pointer.
struct SpecRef {
  std::string file;
  std::string rule;     // rule or outcome id, e.g. "period_in_range"; may be empty
  std::string pointer;  // JSON pointer inside file, e.g. "/rules/3"; may be empty
  bool operator==(const SpecRef&) const = default;
};

/// What came back, reduced to what an outcome is judged on.
struct Observed {
  int http = 0;  // 0: no HTTP answer (transport error)
  std::string code;
  std::string content_type;
  bool operator==(const Observed&) const = default;
};

/// The smallest request that shows the failure, after shrinking.
struct Counterexample {
  std::string description;
  std::vector<std::pair<std::string, std::string>> parameters;  // in request order
  bool operator==(const Counterexample&) const = default;
};

/// How shrinking a property's failure went: the candidates tried, the per-failure budget, and
/// whether the budget ended it before the smallest case was found.
struct Shrink {
  int steps = 0;
  int budget = 0;
  bool stopped_by_budget = false;
  bool operator==(const Shrink&) const = default;
};

struct CheckResult {
  std::string operation;  // the action the check ran on; "" in files from before it was recorded
  std::string kind;       // acceptance, validation, shape, errors, preconditions, idempotency, ...
  std::string name;
  SpecRef spec;
  Verdict verdict = Verdict::kSkipped;
  std::string message;                 // why: failure reason, skip reason, observation
  std::optional<std::uint64_t> seed;   // the check's own seed when it differs from the run's
  std::vector<spec::Answer> expected;  // the answers the contract accepts
  std::optional<Observed> observed;    // what came back for the deciding case
  std::optional<Counterexample> counterexample;
  std::vector<http::Exchange> exchanges;  // redacted; the deciding ones, not every case
  std::string replay_command;             // resends the counterexample; secrets from the env
  std::chrono::microseconds duration{0};
  int retries = 0;
  int cases_sent = 0;
  std::optional<Shrink> shrink;  // checks whose property failed
};

struct Target {
  std::string name;      // e.g. "mock", "alibaba-cn-hangzhou"
  std::string endpoint;  // e.g. "http://127.0.0.1:41234"
  std::string kind;      // "mock" or "live"
  bool operator==(const Target&) const = default;
};

/// Whether the run reached end_run. A file left "running" was written by a process that stopped
/// without finishing (killed, crashed): readers treat it as interrupted.
enum class RunState { kRunning, kFinished, kInterrupted };

std::string_view to_string(RunState state);
std::optional<RunState> run_state_from_string(std::string_view text);

struct RunInfo {
  std::string tool_version = CONFORM_VERSION;
  std::uint64_t seed = 0;
  Target target;
  std::string spec_file;
  std::string spec_sha256;
  std::string started_at;   // ISO 8601 UTC, e.g. "2026-11-27T01:50:06Z"
  std::string finished_at;  // empty while running
  int shard_index = 0;      // 0-based
  int shard_total = 1;
  // What a shard splits: "test" (GoogleTest's sharding of the checks) or "operation" (--shard).
  std::string shard_by = "test";
  // The operations this record covers, in action order (empty in older files).
  std::vector<std::string> operations;
  int merged_shards = 0;  // >0: this record joins that many shard runs
  RunState state = RunState::kRunning;
  std::string interruption;  // why the run stopped early, e.g. "SIGINT"
  // What --seed reproduces, and what it does not (per-run client tokens and nonces).
  std::string replay;
  int unsent_by_guard = 0;   // requests the billing guard kept from the wire
  int unsent_by_budget = 0;  // requests past --max-orders or --max-requests
};

/// One thing a run may exercise (a parameter, an enum value as "Name=Value", a boundary as
/// "Name=9 (max)", an outcome id) and how many cases exercised it.
struct CoverageItem {
  std::string name;
  std::uint64_t count = 0;
  bool exercised() const { return count > 0; }
  bool operator==(const CoverageItem&) const = default;
};

struct Coverage {
  std::vector<CoverageItem> parameters;
  std::vector<CoverageItem> enum_values;
  std::vector<CoverageItem> boundaries;
  std::vector<CoverageItem> outcomes;
};

struct Results {
  RunInfo run;
  std::vector<CheckResult> checks;
  Coverage coverage;
};

struct Counts {
  /// The count of checks with verdict `v`.
  int of(Verdict v) const;

  int total = 0;
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int inconclusive = 0;
  int observation = 0;
  int cases_sent = 0;
  int retries = 0;
  std::chrono::microseconds duration{0};
};

Counts count(const std::vector<CheckResult>& checks);

/// The counts of one kind's checks.
Counts count(const std::vector<CheckResult>& checks, std::string_view kind);
/// The counts of one operation's checks.
Counts count_operation(const std::vector<CheckResult>& checks, std::string_view operation);

/// The run as a whole, in the order CI gates on it: failed beats interrupted beats inconclusive.
enum class Overall { kConformant, kNonConformant, kInterrupted, kInconclusive };

Overall overall(const Results& results);
std::string_view to_string(Overall overall);

/// The kinds in first-appearance order, so reports group checks the way the suites ran them.
std::vector<std::string> kinds_in_order(const std::vector<CheckResult>& checks);
/// The operations in first-appearance order ("" for checks that name none).
std::vector<std::string> operations_in_order(const std::vector<CheckResult>& checks);
/// The checks of one operation.
std::vector<CheckResult> checks_of(const std::vector<CheckResult>& checks,
                                   std::string_view operation);

/// "2026-11-27T01:50:06Z" for the current time.
std::string utc_now_iso8601();

}  // namespace conform::report
