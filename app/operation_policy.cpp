#include "app/operation_policy.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace conform::app {
namespace {

std::optional<OperationTags> tags_in(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return std::nullopt;
  const auto doc = nlohmann::json::parse(in, nullptr, false);
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
  if (auto tags = tags_in(op.file))
    return *tags;
  // An overlay X.overlay.json adds to its base X.json, which carries the imported block.
  constexpr std::string_view kOverlay = ".overlay.json";
  if (op.file.ends_with(kOverlay)) {
    const std::string base = op.file.substr(0, op.file.size() - kOverlay.size()) + ".json";
    if (auto tags = tags_in(base))
      return *tags;
  }
  return {};
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
