#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace conform::bench {

struct RunnerBenchOptions {
  std::string conform;      // the conform binary to run
  std::string spec;         // the operation spec it runs (--spec)
  std::vector<long> sizes;  // cases per run, about (see runner_bench.cpp)
  int in_flight = 0;        // --in-flight for conform run; 0: its default (not passed)
  /// Measures the client's own signed rate now. It is taken right before and right after each
  /// size's run, and the ratio divides by their mean: the machine's speed drifts within minutes.
  std::function<double()> measure_client_rate;
  std::string scratch;  // where the runs write their reports
};

/// `conform run`'s checks against the embedded mock, one run per size, each in a child process so
/// that its peak RSS and CPU time are its own: cases/s, requests/s, peak RSS, CPU time per case,
/// and the runner's requests/s over the client's own. Prints a table and returns the figures.
nlohmann::json runner_throughput(const RunnerBenchOptions& options);

/// The conform binary built next to this one (build/<preset>/conform).
std::string sibling_conform_binary();

}  // namespace conform::bench
