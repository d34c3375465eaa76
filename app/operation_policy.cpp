#include "app/operation_policy.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/spec/loader.h"

namespace conform::app {
namespace {

// The imported block of the operation document a spec file stands for: the file itself, or an
// overlay merged onto its base (which carries the block the overlay does not repeat).
std::optional<OperationTags> tags_in(const std::string& path) {
  nlohmann::json doc;
  try {
    doc = spec::merged_document(path);
  } catch (const std::exception&) {
    return std::nullopt;  // the spec loaded a moment ago; a file gone since reads as hand-written
  }
  if (!doc.is_object() || !doc.contains("imported") || !doc["imported"].is_object())
    return std::nullopt;
  const auto& block = doc["imported"];
  OperationTags tags;
  tags.imported = true;
  if (block.contains("operation_type") && block["operation_type"].is_string())
    tags.operation_type = block["operation_type"].get<std::string>();
  if (block.contains("charge_type") && block["charge_type"].is_string())
    tags.charge_type = block["charge_type"].get<std::string>();
  return tags;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

OperationTags read_operation_tags(const spec::Operation& op) {
  return tags_in(op.file).value_or(OperationTags{});
}

bool reads(const OperationTags& tags) {
  return tags.operation_type == "get" || tags.operation_type == "list";
}

Admission admit_operation(const spec::Operation& op, const OperationTags& tags, bool local,
                          const OperationPermissions& permissions) {
  if (local)
    return {true, "loopback"};
  if (!tags.imported) {
    return {true, op.effects && op.effects->billable ? "hand-written spec: its billing guard holds"
                                                     : "hand-written spec"};
  }
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
