#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/spec/model.h"

namespace conform::app {

/// What the flags name: one spec file (--spec), or every operation under a directory
/// (--spec-dir, default the specs directory), narrowed by --operation NAME (repeatable).
struct OperationChoice {
  std::string spec_path;
  std::string spec_dir;
  std::vector<std::string> names;
};

/// The operations a command works on, sorted by action then version.
struct OperationSet {
  std::vector<std::shared_ptr<const spec::Operation>> ops;
  std::string source;  // the spec file, or the directory
  // Identifies the set: hex SHA-256 over each spec's action and sha256. Shards compare it.
  std::string sha256;
};

/// Loads the chosen operations. On failure returns nullopt with `error` set to a usage error
/// (an unknown --operation names the nearest known one), or empty when load_or_report already
/// printed why a spec is unusable.
std::optional<OperationSet> load_operation_set(const OperationChoice& choice, const char* command,
                                               std::string& error);

/// The action names of `ops`, in order.
std::vector<std::string> action_names(
    const std::vector<std::shared_ptr<const spec::Operation>>& ops);

}  // namespace conform::app
