#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

namespace conform::json {

/// One place where an instance breaks its schema.
struct SchemaViolation {
  std::string pointer;  // JSON pointer into the instance
  std::string keyword;  // the schema keyword that failed, e.g. "required"
  std::string message;
};

/// A schema that uses a keyword this validator does not implement, or a broken $ref.
struct SchemaDefinitionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A JSON Schema (draft 2020-12) validator for the subset of keywords conform's spec schemas use.
/// It refuses schemas with keywords outside that subset rather than silently ignoring them, so a
/// schema can never look stricter than it is. Documents refer to each other by name:
/// {"$ref": "defs.schema.json#/$defs/rule"}.
class SchemaSet {
 public:
  /// Adds a schema under a name; throws SchemaDefinitionError for unsupported keywords or bad
  /// patterns.
  void add(const std::string& name, nlohmann::json schema);

  /// Validates an instance against the named schema; an empty result means valid.
  std::vector<SchemaViolation> validate(const std::string& name,
                                        const nlohmann::json& instance) const;

  bool contains(const std::string& name) const { return documents_.count(name) != 0; }

 private:
  struct Context;
  void check_definition(const std::string& name, const nlohmann::json& schema,
                        const std::string& where);
  void validate_node(const nlohmann::json& schema, const std::string& document,
                     const nlohmann::json& instance, const std::string& pointer, int depth,
                     std::vector<SchemaViolation>& out) const;
  bool matches(const nlohmann::json& schema, const std::string& document,
               const nlohmann::json& instance, int depth) const;
  const nlohmann::json& resolve(const std::string& ref, const std::string& document,
                                std::string& target_document) const;

  std::map<std::string, nlohmann::json> documents_;
  std::map<std::string, std::regex> patterns_;
};

}  // namespace conform::json
