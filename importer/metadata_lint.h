#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/spec/lint.h"
#include "core/spec/model.h"
#include "importer/schema_mapping.h"

// What `conform lint --api-docs FILE` adds: specs compared with the published metadata they were
// imported from. Nothing here knows which product it reads.
namespace conform::importer {

/// One published metadata file, read once, with a fresh import of the operations being linted.
class MetadataLint {
 public:
  /// Reads `file` and imports `actions` (those the file has) into a temporary directory, removed
  /// with this object. Throws MalformedInput or ImportError as import_api_docs does.
  MetadataLint(const std::string& file, const std::string& common_file,
               const std::vector<std::string>& actions);
  ~MetadataLint();
  MetadataLint(const MetadataLint&) = delete;
  MetadataLint& operator=(const MetadataLint&) = delete;

  /// True when the file describes the operation's product and version and has its action.
  bool describes(const spec::Operation& op) const;

  /// Findings about the spec at `path` (an overlay, an imported spec or a hand-written one) and
  /// its loaded model: "stale-import" (the committed import differs from a fresh one),
  /// "drift-parameter" and "drift-error-code" (named by one and not the other), "drift-type".
  std::vector<spec::Finding> drift(const std::string& path, const spec::Operation& op) const;

  /// "hint-enum" and "hint-range": values or a range a parameter's description states in a
  /// "Valid values" sentence, which the spec (metadata schema and overlay alike) does not declare.
  /// The evidence quotes the sentence. Hints are suggestions, not defects.
  std::vector<spec::Finding> hints(const spec::Operation& op) const;

 private:
  const Json* api_of(const spec::Operation& op) const;
  std::filesystem::path fresh_spec_of(const spec::Operation& op) const;

  std::string file_;
  Json root_;
  std::filesystem::path fresh_dir_;
};

}  // namespace conform::importer
