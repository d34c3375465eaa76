#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "importer/schema_mapping.h"

// One operation of the metadata as a conform operation spec.
namespace conform::importer {

/// What the common protocol spec already defines, read from it (never named here).
struct Protocol {
  std::string common_ref;                        // "common" of every spec written
  std::set<std::string> parameters;              // the common parameters' names
  std::set<std::pair<std::string, int>> errors;  // {code, http} of the common errors
  std::set<std::string> outcomes;                // the common outcomes' ids
  std::vector<std::string> signatures;           // the protocol's signature schemes
  std::vector<std::string> formats;              // the response formats it documents
  // Fields of the error body that carry a protocol value (e.g. the request id), by name: a
  // success body's top-level field of the same name and type carries the same value, so the mock
  // answers a fresh one instead of the metadata's example.
  std::map<std::string, nlohmann::ordered_json> role_fields;
};

/// The file an import reads, as every spec records it.
struct Provenance {
  std::string file;  // the file's name, without its directory, so the output is the same wherever
  std::string sha256;
  std::string format_version;
  std::string product;
  std::string version;
};

/// The outcome ids the importer's rules use; each must be in the common spec.
inline constexpr const char* kMissingOutcome = "missing-parameter";
inline constexpr const char* kInvalidOutcome = "invalid-parameter";

/// The spec of operation `name` (the metadata's apis/<name>), or a reason it cannot have one.
struct Built {
  std::optional<Out> spec;
  std::string skip_reason;
  std::string skip_detail;
};
Built build_operation(const Document& doc, const std::string& name, const Provenance& source,
                      const Protocol& protocol, const Notes& notes);

}  // namespace conform::importer
