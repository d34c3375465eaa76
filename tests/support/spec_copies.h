#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/seed_operation.h"
#include "tests/support/test_paths.h"

namespace conform::testing {

/// The seed operation's spec (merged, when it is an overlay) as another operation: its action
/// becomes `action`, the members of `extra` are set at the top level (e.g. an "imported" block; a
/// null member removes it), and the common spec is named by its absolute path so the copy loads
/// from any directory. Returns the file written in `dir`.
inline std::string write_seed_copy(const std::string& dir, const std::string& action,
                                   const nlohmann::json& extra = nlohmann::json::object()) {
  // The merged document: the seed operation is an overlay whose base is named relative to it.
  auto spec = spec::merged_document(seed_operation().file);
  spec["action"] = action;
  spec["common"] = source_path("specs/common/alibaba-rpc.json");
  for (const auto& [key, value] : extra.items()) {
    if (value.is_null())
      spec.erase(key);
    else
      spec[key] = value;
  }
  const std::string path = dir + "/" + action + ".json";
  write_text(path, spec.dump(2));
  return path;
}

/// An "imported" block as `conform import` writes it, saying what the operation does.
inline nlohmann::json imported_block(const std::string& operation_type,
                                     const std::string& charge_type = "free") {
  const auto& seed = seed_operation();
  return {{"imported",
           {{"file", "example-api-docs.json"},
            {"sha256", std::string(64, '0')},
            {"format_version", "1"},
            {"product", seed.product},
            {"version", seed.version},
            {"pointer", "/apis/Example"},
            {"operation_type", operation_type},
            {"charge_type", charge_type}}}};
}

}  // namespace conform::testing
