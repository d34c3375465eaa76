#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/spec/model.h"
#include "core/spec/spec_error.h"

// An overlay (conform-overlay/1) is a short hand-written file that adds to an imported operation
// spec (its base) what only the prose of the documentation says. Merging is plain data work:
// objects merge member by member, the entries of parameters, errors, outcomes, rules and response
// fields are matched by name, code or id (a new one is appended; "before" places a new or matched
// one before a named one),
// any other value replaces the base's, and "drop" removes a fact of the base with a reason.
namespace conform::spec {

/// A merged operation document and, for each part the merge placed, where it came from, so that
/// errors found in the merged document name the file and place a person edits.
struct Merged {
  nlohmann::json doc;
  std::map<std::string, Origin> origins;  // merged pointer -> origin of that subtree

  /// The origin of a pointer into the merged document (the longest recorded prefix, rebased).
  Origin origin_of(const std::string& pointer) const;
};

/// True when the document is an overlay ("format": "conform-overlay/...").
bool is_overlay(const nlohmann::json& doc);

/// The base path an overlay names, resolved against the overlay's directory.
std::string base_path_of(const nlohmann::json& overlay, const std::string& overlay_path);

/// Applies an overlay (already checked against overlay.schema.json) to its base (already checked
/// against operation.schema.json). The base's "common" is rewritten relative to the overlay's
/// directory. Returns nullopt, with errors naming the overlay and pointer, when an entry names
/// something the base lacks ("drop" or "before" of an unknown key).
std::optional<Merged> apply_overlay(const nlohmann::json& base, const std::string& base_path,
                                    const nlohmann::json& overlay, const std::string& overlay_path,
                                    std::vector<SpecError>& errors);

/// The member that names the entries of the array at this merged pointer ("name", "code", "id"),
/// or empty for an array whose entries are replaced as a whole.
std::string entry_key_at(const std::string& array_pointer);

}  // namespace conform::spec
