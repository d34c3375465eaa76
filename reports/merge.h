#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "reports/result.h"

// Joins the results of a sharded run. Shards are only comparable when they ran the same contract
// with the same seed against the same target; anything else is refused, never averaged.
namespace conform::report {

struct MergeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ShardResults {
  std::string origin;  // where it was read from, for error messages
  Results results;
};

/// Checks in shard-index order; coverage counts summed by name; the run interrupted when any
/// shard was; started/finished the earliest/latest. Throws MergeError naming the two origins that
/// disagree (spec file or sha256, seed, target name and kind, shard total and kind) or a shard
/// given twice, or operation shards that both ran one operation.
Results merge_results(const std::vector<ShardResults>& shards);

}  // namespace conform::report
