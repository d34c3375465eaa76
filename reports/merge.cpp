#include "reports/merge.h"

#include <algorithm>
#include <map>

namespace conform::report {
namespace {

void same(const ShardResults& a, const ShardResults& b, std::string_view what,
          const std::string& va, const std::string& vb) {
  if (va != vb) {
    throw MergeError("cannot merge runs of different " + std::string(what) + ": " + a.origin +
                     " has \"" + va + "\", " + b.origin + " has \"" + vb + "\"");
  }
}

void add_coverage(std::vector<CoverageItem>& into, const std::vector<CoverageItem>& from) {
  for (const auto& item : from) {
    auto it = std::find_if(into.begin(), into.end(),
                           [&](const CoverageItem& i) { return i.name == item.name; });
    if (it == into.end()) {
      into.push_back(item);
    } else {
      it->count += item.count;
    }
  }
}

}  // namespace

Results merge_results(const std::vector<ShardResults>& shards) {
  if (shards.empty()) {
    throw MergeError("nothing to merge");
  }
  const ShardResults& first = shards.front();
  std::map<int, const ShardResults*> by_index;
  for (const auto& s : shards) {
    const RunInfo& a = first.results.run;
    const RunInfo& b = s.results.run;
    same(first, s, "specs", a.spec_file, b.spec_file);
    same(first, s, "spec contents (sha256)", a.spec_sha256, b.spec_sha256);
    same(first, s, "seeds", std::to_string(a.seed), std::to_string(b.seed));
    // Name and kind, not the endpoint: each shard of a mock run binds its own loopback port.
    same(first, s, "targets", a.target.name + " (" + a.target.kind + ")",
         b.target.name + " (" + b.target.kind + ")");
    same(first, s, "shard totals", std::to_string(a.shard_total), std::to_string(b.shard_total));
    same(first, s, "kinds of sharding", a.shard_by, b.shard_by);
    if (b.merged_shards > 0) {
      throw MergeError(s.origin + " is already a merged run; merge the shard directories instead");
    }
    const auto [it, inserted] = by_index.emplace(b.shard_index, &s);
    if (!inserted) {
      throw MergeError("shard " + std::to_string(b.shard_index + 1) + "/" +
                       std::to_string(b.shard_total) + " given twice: " + it->second->origin +
                       " and " + s.origin);
    }
  }
  Results merged;
  merged.run = first.results.run;
  merged.run.shard_index = 0;
  merged.run.shard_total = 1;
  merged.run.merged_shards = static_cast<int>(shards.size());
  merged.run.state = RunState::kFinished;
  merged.run.interruption.clear();
  // Shards of operations split the set: an operation in two shards means two different splits.
  std::map<std::string, const ShardResults*> owner;
  for (const auto& [index, shard] : by_index) {
    for (const auto& op : shard->results.run.operations) {
      const auto [it, fresh] = owner.emplace(op, shard);
      if (!fresh && first.results.run.shard_by == "operation") {
        throw MergeError("operation " + op + " is in two shards: " + it->second->origin + " and " +
                         shard->origin);
      }
    }
  }
  merged.run.operations.clear();
  for (const auto& [op, shard] : owner)
    merged.run.operations.push_back(op);
  std::vector<std::string> missing;
  for (int i = 0; i < first.results.run.shard_total; ++i) {
    if (!by_index.contains(i)) {
      missing.push_back(std::to_string(i + 1));
    }
  }
  for (const auto& [index, shard] : by_index) {
    const RunInfo& run = shard->results.run;
    merged.run.started_at = std::min(merged.run.started_at, run.started_at);
    // An unfinished shard has no finish time; the merged run then has none either.
    merged.run.finished_at = run.finished_at.empty() || merged.run.finished_at.empty()
                                 ? std::string()
                                 : std::max(merged.run.finished_at, run.finished_at);
    if (run.state != RunState::kFinished) {
      merged.run.state = RunState::kInterrupted;
      merged.run.interruption += (merged.run.interruption.empty() ? "" : "; ") +
                                 std::string("shard ") + std::to_string(index + 1) + " " +
                                 std::string(to_string(run.state)) +
                                 (run.interruption.empty() ? "" : " (" + run.interruption + ")");
    }
    merged.checks.insert(merged.checks.end(), shard->results.checks.begin(),
                         shard->results.checks.end());
    const Coverage& c = shard->results.coverage;
    add_coverage(merged.coverage.parameters, c.parameters);
    add_coverage(merged.coverage.enum_values, c.enum_values);
    add_coverage(merged.coverage.boundaries, c.boundaries);
    add_coverage(merged.coverage.outcomes, c.outcomes);
  }
  if (!missing.empty()) {
    // A missing shard is an incomplete run, not a smaller one: say so rather than refuse, since
    // the shards that did run still hold real results.
    std::string list;
    for (const auto& m : missing) {
      list += (list.empty() ? "" : ", ") + m;
    }
    merged.run.state = RunState::kInterrupted;
    merged.run.interruption += (merged.run.interruption.empty() ? "" : "; ") +
                               std::string("shards missing: ") + list + " of " +
                               std::to_string(first.results.run.shard_total);
  }
  return merged;
}

}  // namespace conform::report
