#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "importer/api_docs.h"

// Mapping of the metadata's parameter and response schemas to the spec format's parameters,
// shapes and fields. Descriptions, titles and value titles are prose and are left out.
namespace conform::importer {

using Json = nlohmann::json;         // the metadata, as read
using Out = nlohmann::ordered_json;  // a spec, in the order it is written

/// Where the mapping of one operation records what it cannot map.
struct Notes {
  std::string operation;
  std::vector<Unmapped>* unmapped = nullptr;

  void add(const std::string& pointer, const std::string& reason, const std::string& detail) const {
    unmapped->push_back({operation, pointer, reason, detail});
  }
};

/// The metadata document, for $ref resolution (#/components/schemas/...).
struct Document {
  const Json& root;
  std::string source_key;  // the key of the metadata in the spec's sources map
};

/// A name the spec format accepts for a parameter, field or operation.
bool is_spec_name(const std::string& name);

/// The spec's parameter for metadata parameter `param` (at `pointer`), or nullopt (noted) when it
/// cannot be one.
std::optional<Out> map_parameter(const Document& doc, const Json& param, const std::string& pointer,
                                 const Notes& notes);

/// The spec's response fields for the properties of an object `schema` (at `pointer`); fields
/// that cannot be mapped are noted and left out.
Out map_fields(const Document& doc, const Json& schema, const std::string& pointer,
               const Notes& notes);

}  // namespace conform::importer
