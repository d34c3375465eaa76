#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "suites/run_state.h"

namespace conform::app {

/// Prints the summary, writes the reports into `report_dir` and returns the run's exit code:
/// 1 when a check failed, 3 when none failed but some stayed inconclusive, 2 when the suite itself
/// broke (GoogleTest failed a test that recorded no failure), else 0.
int finish_run(const suite::RunState& state, const std::string& report_dir, std::uint64_t seed,
               const std::vector<std::string>& secrets, int gtest_status);

}  // namespace conform::app
