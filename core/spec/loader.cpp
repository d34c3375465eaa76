#include "core/spec/loader.h"

#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/json/parse.h"
#include "core/json/schema_validator.h"
#include "core/spec/embedded_schemas.h"
#include "core/spec/overlay.h"
#include "core/spec/reader.h"
#include "core/text/ascii.h"

namespace conform::spec {
namespace {

using nlohmann::json;

const conform::json::SchemaSet& schemas() {
  static const conform::json::SchemaSet set = [] {
    conform::json::SchemaSet s;
    for (const auto& [name, text] : embedded_schemas()) {
      s.add(name, json::parse(text));
    }
    return s;
  }();
  return set;
}

std::string sha256_of_text(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return text::hex_lower(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string sha256_hex(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return sha256_of_text(buffer.str());
}

// Reads a file and checks it against the schema its "format" names. Returns nullopt (with errors
// recorded) when the document cannot be trusted enough to build a model from it.
std::optional<json> read_and_validate(const std::string& path, const std::string& expected_kind,
                                      std::vector<SpecError>& errors) {
  json doc;
  try {
    doc = conform::json::read_file_strict(path);
  } catch (const conform::json::ParseError& e) {
    errors.push_back({path, e.where, e.rule, e.what()});
    return std::nullopt;
  }
  std::string kind = expected_kind;
  if (kind.empty()) {
    const auto format = doc.is_object() && doc.contains("format") && doc["format"].is_string()
                            ? doc["format"].get<std::string>()
                            : std::string();
    kind = format.substr(0, format.find('/'));
    if (kind.rfind("conform-", 0) == 0)
      kind = kind.substr(8);
    if (!schemas().contains(kind + ".schema.json")) {
      errors.push_back({path, "/format", "unknown-format",
                        "\"format\" must name a spec format such as conform-operation/1"});
      return std::nullopt;
    }
  }
  const auto violations = schemas().validate(kind + ".schema.json", doc);
  for (const auto& v : violations) {
    errors.push_back({path, v.pointer.empty() ? "/" : v.pointer, "schema:" + v.keyword, v.message});
  }
  if (!violations.empty())
    return std::nullopt;
  return doc;
}

}  // namespace

namespace {

// Errors found in a merged document name the file and place a person edits: the overlay for what
// it set, the base for what the import wrote.
std::vector<SpecError> located(std::vector<SpecError> errors, const std::string& path,
                               const Merged* merged) {
  if (!merged)
    return errors;
  for (auto& e : errors) {
    if (e.file != path)
      continue;
    const auto origin = merged->origin_of(e.pointer);
    if (origin.file.empty())
      continue;
    e.file = origin.file;
    e.pointer = origin.pointer.empty() ? "/" : origin.pointer;
  }
  return errors;
}

// Reads the operation document at `path`: the file itself, or, for an overlay, its base with the
// overlay applied and the result checked against the operation schema.
std::optional<json> read_operation_document(const std::string& path, std::optional<Merged>& merged,
                                            std::vector<SpecError>& errors) {
  json doc;
  try {
    doc = conform::json::read_file_strict(path);
  } catch (const conform::json::ParseError& e) {
    errors.push_back({path, e.where, e.rule, e.what()});
    return std::nullopt;
  }
  if (!is_overlay(doc))
    return read_and_validate(path, "operation", errors);
  const auto overlay = read_and_validate(path, "overlay", errors);
  if (!overlay)
    return std::nullopt;
  const std::string base_path = base_path_of(*overlay, path);
  const auto base = read_and_validate(base_path, "operation", errors);
  if (!base) {
    errors.insert(errors.begin(), {path, "/base", "base-spec-invalid",
                                   "the base spec " + base_path + " cannot be used"});
    return std::nullopt;
  }
  merged = apply_overlay(*base, base_path, *overlay, path, errors);
  if (!merged)
    return std::nullopt;
  std::vector<SpecError> violations;
  for (const auto& v : schemas().validate("operation.schema.json", merged->doc)) {
    violations.push_back(
        {path, v.pointer.empty() ? "/" : v.pointer, "schema:" + v.keyword, v.message});
  }
  if (!violations.empty()) {
    auto named = located(std::move(violations), path, &*merged);
    errors.insert(errors.end(), named.begin(), named.end());
    return std::nullopt;
  }
  return merged->doc;
}

}  // namespace

std::shared_ptr<const Operation> load_operation(const std::string& path) {
  std::vector<SpecError> errors;
  std::optional<Merged> merged;
  const auto op_doc = read_operation_document(path, merged, errors);
  if (!op_doc)
    throw SpecLoadError(std::move(errors));

  const std::string common_path =
      (std::filesystem::path(path).parent_path() / (*op_doc)["common"].get<std::string>())
          .lexically_normal()
          .string();
  const auto common_doc = read_and_validate(common_path, "common", errors);
  if (!common_doc) {
    errors.insert(errors.begin(), {path, "/common", "common-spec-invalid",
                                   "the common spec " + common_path + " cannot be used"});
    throw SpecLoadError(std::move(errors));
  }

  auto op = std::make_shared<Operation>();
  auto defects = read_operation(*op_doc, path, *common_doc, common_path, *op);
  if (!defects.empty())
    throw SpecLoadError(located(std::move(defects), path, merged ? &*merged : nullptr));
  // An overlay's contract is the merged document: its digest changes with either file.
  op->sha256 = merged ? sha256_of_text(merged->doc.dump()) : sha256_hex(path);
  return op;
}

nlohmann::json merged_document(const std::string& path) {
  std::vector<SpecError> errors;
  std::optional<Merged> merged;
  auto doc = read_operation_document(path, merged, errors);
  if (!doc)
    throw SpecLoadError(std::move(errors));
  return *doc;
}

std::vector<SpecError> validate_file(const std::string& path) {
  std::vector<SpecError> errors;
  read_and_validate(path, "", errors);
  return errors;
}

}  // namespace conform::spec
