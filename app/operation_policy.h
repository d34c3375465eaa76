#pragma once

#include <string>
#include <vector>

#include "core/spec/model.h"

namespace conform::app {

/// What an imported spec's "imported" block says about its operation (the metadata's
/// systemTags); both empty for a hand-written spec.
struct OperationTags {
  bool imported = false;
  std::string operation_type;  // get, list, create, update, delete, ...; "" when not stated
  std::string charge_type;     // free, paid; "" when not stated
};

/// Reads the tags from the spec's file (an overlay's base file when the overlay has none).
OperationTags read_operation_tags(const spec::Operation& op);

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
/// --allow-billable is given. A hand-written spec (no tags) runs: its effects decide the guard.
Admission admit_operation(const spec::Operation& op, const OperationTags& tags, bool local,
                          const OperationPermissions& permissions);

/// The operation types that read and so run by default everywhere.
bool reads(const OperationTags& tags);

}  // namespace conform::app
