#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/cli_parse.h"
#include "app/command.h"
#include "core/spec/model.h"
#include "suites/target.h"

namespace conform::app {

/// What `conform run` was asked to do, from its flags.
struct RunOptions {
  std::string spec_path;
  std::string spec_dir;
  std::vector<std::string> operations;             // --operation
  std::vector<std::string> allow_operations;       // --allow-operation
  std::vector<std::string> allow_operation_types;  // --allow-operation-type
  // --shard K/N: this machine runs the operations whose index in action order is K-1 modulo N.
  int shard_index = 0;  // 0-based
  int shard_total = 1;
  std::string target_path;
  suite::Target flags_target;
  bool flags_name_target = false;
  std::vector<std::string> kinds;
  std::optional<std::uint64_t> seed;
  std::optional<int> cases;
  std::string report_dir = "reports-out";
  bool dry_run = false;
  bool allow_billable = false;
  std::optional<int> max_orders;
  std::optional<int> max_requests;
  std::optional<int> max_shrink_steps;
  std::optional<int> timeout_ms;
  std::optional<int> in_flight;
  // The resource flags (--<state>-<resource> ID, --other-<resource> ID) depend on the spec, so
  // they wait here until add_resource_flags has it.
  cli::Leftovers resource_flags;
};

/// Reads the flags of `conform run` into `options`. Returns how the command ends when parsing
/// ends it: after --help (printed here), or with a usage error to print; nullopt to go on.
std::optional<cli::Parsed> parse_run_options(const Args& args, RunOptions& options);

/// Adds the resource flags to options.flags_target, with the spec's spelling of each state.
/// Returns a usage error for a flag the spec does not define, naming the nearest one that is.
std::optional<std::string> add_resource_flags(RunOptions& options, const spec::Operation& op);

}  // namespace conform::app
