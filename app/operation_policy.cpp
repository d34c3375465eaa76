#include "app/operation_policy.h"

#include <algorithm>

namespace conform::app {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

bool reads(const spec::ImportedTags& tags) {
  return tags.operation_type == "get" || tags.operation_type == "list";
}

Admission admit_operation(const spec::Operation& op, bool local,
                          const OperationPermissions& permissions) {
  if (local)
    return {true, "loopback"};
  if (!op.imported) {
    return {true, op.effects && op.effects->billable ? "hand-written spec: its billing guard holds"
                                                     : "hand-written spec"};
  }
  const auto& tags = *op.imported;
  const std::string type = tags.operation_type.empty() ? "unstated" : tags.operation_type;
  std::string why;
  if (reads(tags)) {
    why = type + ", reads";
  } else if (contains(permissions.named, op.action)) {
    why = type + ", named by --operation or --spec";
  } else if (contains(permissions.operations, op.action)) {
    why = type + ", --allow-operation " + op.action;
  } else if (contains(permissions.types, type)) {
    why = type + ", --allow-operation-type " + type;
  } else {
    return {false, "operation type " + type + ": needs --allow-operation " + op.action +
                       " or --allow-operation-type " + type};
  }
  if (tags.charge_type == "paid") {
    const bool guarded = op.effects && op.effects->billable && op.effects->charge_parameter &&
                         op.effects->safe_value;
    if (guarded) {
      why += "; paid: every request carries " + *op.effects->charge_parameter + "=" +
             *op.effects->safe_value;
    } else if (permissions.allow_billable) {
      why += "; paid, --allow-billable: requests may be charged";
    } else {
      return {false,
              "paid and its spec names no charge parameter with a safe value: needs "
              "--allow-billable"};
    }
  }
  return {true, why};
}

}  // namespace conform::app
