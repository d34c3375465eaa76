#pragma once

#include <string>
#include <vector>

#include "core/spec/model.h"

namespace conform::app {

/// What the flags allow beyond the defaults on an endpoint that is not loopback.
struct OperationPermissions {
  std::vector<std::string> operations;  // --allow-operation NAME
  std::vector<std::string> types;       // --allow-operation-type TYPE
  std::vector<std::string> named;       // selected by name: --operation NAME, or the --spec FILE
  bool allow_billable = false;
};

/// Whether an operation runs against the target, and why in a few words.
struct Admission {
  bool runs = true;
  std::string reason;
};

/// On loopback everything runs. Elsewhere an imported spec runs when its operation reads (get,
/// list) or the permissions name it or its type; a paid one, in addition, only when its spec names
/// a charge parameter and a safe value (the billing guard then holds every request to it) or
/// --allow-billable is given. A hand-written spec (no imported tags) runs: its effects decide the
/// guard.
Admission admit_operation(const spec::Operation& op, bool local,
                          const OperationPermissions& permissions);

/// The operation types that read and so run by default everywhere.
bool reads(const spec::ImportedTags& tags);

}  // namespace conform::app
