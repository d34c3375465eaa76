#include "core/spec/shape_reader.h"

#include "core/spec/json_read.h"

namespace conform::spec {
namespace {

using nlohmann::json;

using json_read::at;
using json_read::optional_of;
using json_read::strings;

}  // namespace

Shape read_shape(const json& j, const std::string& file, const std::string& pointer,
                 std::vector<SpecError>& errors) {
  Shape s;
  s.name = j.value("name", "");
  const std::string type = j["type"];
  s.type = type == "integer"   ? ShapeType::kInteger
           : type == "boolean" ? ShapeType::kBoolean
           : type == "number"  ? ShapeType::kNumber
           : type == "array"   ? ShapeType::kArray
           : type == "object"  ? ShapeType::kObject
                               : ShapeType::kString;
  if (auto f = optional_of<std::string>(j, "format"); f && s.type == ShapeType::kInteger)
    s.format = *f == "int32" ? IntegerFormat::kInt32 : IntegerFormat::kInt64;
  s.required = j.value("required", false);
  s.enum_values = strings(j, "enum");
  s.minimum = optional_of<std::int64_t>(j, "minimum");
  s.maximum = optional_of<std::int64_t>(j, "maximum");
  s.min_length = optional_of<std::size_t>(j, "min_length");
  s.max_length = optional_of<std::size_t>(j, "max_length");
  s.pattern = optional_of<std::string>(j, "pattern");
  s.example = optional_of<std::string>(j, "example");
  s.min_items = optional_of<std::size_t>(j, "min_items");
  s.max_items = optional_of<std::size_t>(j, "max_items");
  s.origin = {file, pointer};
  if (s.pattern) {
    try {
      s.compiled_pattern.emplace(*s.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      errors.push_back({file, at(pointer, "pattern"), "invalid-pattern",
                        "\"" + *s.pattern + "\" is not a valid regular expression: " + e.what()});
    }
  }
  if (auto it = j.find("items"); it != j.end())
    s.items.push_back(read_shape(*it, file, at(pointer, "items"), errors));
  if (auto it = j.find("members"); it != j.end()) {
    for (std::size_t k = 0; k < it->size(); ++k)
      s.members.push_back(read_shape((*it)[k], file, at(at(pointer, "members"), k), errors));
  }
  return s;
}

}  // namespace conform::spec
