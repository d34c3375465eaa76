#include "core/json/schema_validator.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>

#include "core/json/pointer.h"

namespace conform::json {
namespace {

using nlohmann::json;

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr double kTwoTo63 = 9223372036854775808.0;

const std::set<std::string>& supported_keywords() {
  static const std::set<std::string> keywords = {
      // annotations
      "$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples",
      // applicators and assertions
      "$ref", "type", "enum", "const", "properties", "required", "additionalProperties",
      "propertyNames", "minProperties", "maxProperties", "dependentRequired", "items", "minItems",
      "maxItems", "uniqueItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
      "minLength", "maxLength", "pattern", "allOf", "anyOf", "oneOf", "not", "if", "then", "else"};
  return keywords;
}

// Subschema-holding keywords, walked when checking a definition.
const std::set<std::string>& single_subschema_keywords() {
  static const std::set<std::string> k = {
      "additionalProperties", "propertyNames", "items", "not", "if", "then", "else"};
  return k;
}

bool is_type(const json& v, const std::string& type) {
  if (type == "null")
    return v.is_null();
  if (type == "boolean")
    return v.is_boolean();
  if (type == "object")
    return v.is_object();
  if (type == "array")
    return v.is_array();
  if (type == "string")
    return v.is_string();
  if (type == "number")
    return v.is_number();
  if (type == "integer") {
    // Readers of a validated document take an integer as int64, so a value outside that range
    // fails here with a clear message rather than wrapping, or being undefined, in a cast later.
    if (v.is_number_unsigned())
      return v.get<std::uint64_t>() <= static_cast<std::uint64_t>(kInt64Max);
    if (v.is_number_integer())
      return true;
    if (v.is_number_float()) {
      const double d = v.get<double>();
      return std::isfinite(d) && std::trunc(d) == d && d >= -kTwoTo63 && d < kTwoTo63;
    }
    return false;
  }
  return false;
}

std::string type_name(const json& v) {
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(kInt64Max))
    return "an integer outside the 64-bit range";
  if (v.is_number_integer())
    return "integer";
  if (v.is_number_float()) {
    const double d = v.get<double>();
    const bool integral = std::isfinite(d) && std::trunc(d) == d;
    return integral && (d < -kTwoTo63 || d >= kTwoTo63) ? "a number outside the 64-bit range"
                                                        : "number";
  }
  return v.type_name();
}

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string quoted_list(const json& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty())
      out += ", ";
    out += n.is_string() ? "\"" + n.get<std::string>() + "\"" : n.dump();
  }
  return out;
}

constexpr int kMaxDepth = 200;

}  // namespace

void SchemaSet::add(const std::string& name, json schema) {
  check_definition(name, schema, "");
  documents_[name] = std::move(schema);
}

void SchemaSet::check_definition(const std::string& name, const json& schema,
                                 const std::string& where) {
  if (schema.is_boolean())
    return;
  if (!schema.is_object()) {
    throw SchemaDefinitionError(name + "#" + where + ": a schema must be an object or a boolean");
  }
  for (const auto& [key, value] : schema.items()) {
    if (!supported_keywords().count(key)) {
      throw SchemaDefinitionError(name + "#" + where + ": keyword \"" + key +
                                  "\" is not supported by conform's validator");
    }
    const std::string at = pointer_append(where, key);
    if (key == "properties" || key == "$defs") {
      for (const auto& [prop, sub] : value.items()) {
        check_definition(name, sub, pointer_append(at, prop));
      }
    } else if (key == "allOf" || key == "anyOf" || key == "oneOf") {
      for (std::size_t i = 0; i < value.size(); ++i) {
        check_definition(name, value[i], pointer_append(at, i));
      }
    } else if (single_subschema_keywords().count(key)) {
      check_definition(name, value, at);
    } else if (key == "pattern") {
      const auto pattern = value.get<std::string>();
      try {
        patterns_.emplace(pattern, std::regex(pattern, std::regex::ECMAScript));
      } catch (const std::regex_error& e) {
        throw SchemaDefinitionError(name + "#" + at + ": invalid pattern: " + e.what());
      }
    }
  }
}

const json& SchemaSet::resolve(const std::string& ref, const std::string& document,
                               std::string& target_document) const {
  const auto hash = ref.find('#');
  target_document = hash == 0 ? document : ref.substr(0, hash);
  const std::string fragment = hash == std::string::npos ? "" : ref.substr(hash + 1);
  const auto doc = documents_.find(target_document);
  if (doc == documents_.end()) {
    throw SchemaDefinitionError("$ref \"" + ref + "\" names an unknown schema document");
  }
  try {
    const json::json_pointer ptr(fragment);
    if (!doc->second.contains(ptr)) {
      throw SchemaDefinitionError("$ref \"" + ref + "\" points at nothing");
    }
    return doc->second.at(ptr);
  } catch (const json::exception&) {
    throw SchemaDefinitionError("$ref \"" + ref + "\" is not a valid JSON pointer");
  }
}

std::vector<SchemaViolation> SchemaSet::validate(const std::string& name,
                                                 const json& instance) const {
  std::vector<SchemaViolation> out;
  const auto doc = documents_.find(name);
  if (doc == documents_.end()) {
    throw SchemaDefinitionError("no schema named \"" + name + "\"");
  }
  validate_node(doc->second, name, instance, "", 0, out);
  return out;
}

bool SchemaSet::matches(const json& schema, const std::string& document, const json& instance,
                        int depth) const {
  std::vector<SchemaViolation> scratch;
  validate_node(schema, document, instance, "", depth, scratch);
  return scratch.empty();
}

void SchemaSet::validate_node(const json& schema, const std::string& document, const json& instance,
                              const std::string& pointer, int depth,
                              std::vector<SchemaViolation>& out) const {
  auto fail = [&](const char* keyword, std::string message) {
    out.push_back({pointer, keyword, std::move(message)});
  };
  if (depth > kMaxDepth) {
    fail("$ref", "schema nesting deeper than " + std::to_string(kMaxDepth));
    return;
  }
  if (schema.is_boolean()) {
    if (!schema.get<bool>())
      fail("false", "no value is allowed here");
    return;
  }

  if (auto it = schema.find("$ref"); it != schema.end()) {
    std::string target;
    const json& referenced = resolve(it->get<std::string>(), document, target);
    validate_node(referenced, target, instance, pointer, depth + 1, out);
  }

  if (auto it = schema.find("type"); it != schema.end()) {
    const bool ok = it->is_string() ? is_type(instance, it->get<std::string>())
                                    : std::any_of(it->begin(), it->end(), [&](const json& t) {
                                        return is_type(instance, t.get<std::string>());
                                      });
    if (!ok) {
      fail("type", "expected " + (it->is_string() ? it->get<std::string>() : quoted_list(*it)) +
                       ", found " + type_name(instance));
      return;  // the remaining keywords would only repeat the same complaint
    }
  }
  if (auto it = schema.find("const"); it != schema.end() && instance != *it) {
    fail("const", "must be " + it->dump() + ", found " + instance.dump());
  }
  if (auto it = schema.find("enum"); it != schema.end()) {
    if (std::find(it->begin(), it->end(), instance) == it->end()) {
      fail("enum", "must be one of " + quoted_list(*it) + ", found " + instance.dump());
    }
  }

  if (instance.is_number()) {
    const double v = instance.get<double>();
    if (auto it = schema.find("minimum"); it != schema.end() && v < it->get<double>()) {
      fail("minimum", "must be at least " + it->dump() + ", found " + instance.dump());
    }
    if (auto it = schema.find("maximum"); it != schema.end() && v > it->get<double>()) {
      fail("maximum", "must be at most " + it->dump() + ", found " + instance.dump());
    }
    if (auto it = schema.find("exclusiveMinimum"); it != schema.end() && v <= it->get<double>()) {
      fail("exclusiveMinimum", "must be greater than " + it->dump());
    }
    if (auto it = schema.find("exclusiveMaximum"); it != schema.end() && v >= it->get<double>()) {
      fail("exclusiveMaximum", "must be less than " + it->dump());
    }
  }

  if (instance.is_string()) {
    const auto& s = instance.get_ref<const std::string&>();
    if (auto it = schema.find("minLength");
        it != schema.end() && code_points(s) < it->get<std::size_t>()) {
      fail("minLength", "must have at least " + it->dump() + " characters");
    }
    if (auto it = schema.find("maxLength");
        it != schema.end() && code_points(s) > it->get<std::size_t>()) {
      fail("maxLength", "must have at most " + it->dump() + " characters");
    }
    if (auto it = schema.find("pattern"); it != schema.end()) {
      const auto& re = patterns_.at(it->get<std::string>());
      if (!std::regex_search(s, re)) {
        fail("pattern", "\"" + s + "\" does not match " + it->get<std::string>());
      }
    }
  }

  if (instance.is_array()) {
    if (auto it = schema.find("minItems");
        it != schema.end() && instance.size() < it->get<std::size_t>()) {
      fail("minItems", "must have at least " + it->dump() + " items");
    }
    if (auto it = schema.find("maxItems");
        it != schema.end() && instance.size() > it->get<std::size_t>()) {
      fail("maxItems", "must have at most " + it->dump() + " items");
    }
    if (auto it = schema.find("uniqueItems"); it != schema.end() && it->get<bool>()) {
      for (std::size_t i = 0; i < instance.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (instance[i] == instance[j]) {
            out.push_back({pointer_append(pointer, i), "uniqueItems",
                           "repeats item " + std::to_string(j) + " (" + instance[i].dump() + ")"});
          }
        }
      }
    }
    if (auto it = schema.find("items"); it != schema.end()) {
      for (std::size_t i = 0; i < instance.size(); ++i) {
        validate_node(*it, document, instance[i], pointer_append(pointer, i), depth + 1, out);
      }
    }
  }

  if (instance.is_object()) {
    if (auto it = schema.find("required"); it != schema.end()) {
      for (const auto& name : *it) {
        if (!instance.contains(name.get<std::string>())) {
          fail("required", "missing required property \"" + name.get<std::string>() + "\"");
        }
      }
    }
    if (auto it = schema.find("minProperties");
        it != schema.end() && instance.size() < it->get<std::size_t>()) {
      fail("minProperties", "must have at least " + it->dump() + " properties");
    }
    if (auto it = schema.find("maxProperties");
        it != schema.end() && instance.size() > it->get<std::size_t>()) {
      fail("maxProperties", "must have at most " + it->dump() + " properties");
    }
    if (auto it = schema.find("dependentRequired"); it != schema.end()) {
      for (const auto& [name, needed] : it->items()) {
        if (!instance.contains(name))
          continue;
        for (const auto& n : needed) {
          if (!instance.contains(n.get<std::string>())) {
            fail("dependentRequired",
                 "\"" + name + "\" needs \"" + n.get<std::string>() + "\" too");
          }
        }
      }
    }
    const auto properties = schema.find("properties");
    const auto additional = schema.find("additionalProperties");
    const auto names = schema.find("propertyNames");
    for (const auto& [key, value] : instance.items()) {
      const std::string at = pointer_append(pointer, key);
      if (names != schema.end()) {
        std::vector<SchemaViolation> name_errors;
        validate_node(*names, document, json(key), at, depth + 1, name_errors);
        for (auto& e : name_errors) {
          out.push_back({at, "propertyNames", "property name \"" + key + "\": " + e.message});
        }
      }
      if (properties != schema.end() && properties->contains(key)) {
        validate_node((*properties)[key], document, value, at, depth + 1, out);
      } else if (additional != schema.end()) {
        if (additional->is_boolean() && !additional->get<bool>()) {
          out.push_back(
              {at, "additionalProperties", "property \"" + key + "\" is not allowed here"});
        } else {
          validate_node(*additional, document, value, at, depth + 1, out);
        }
      }
    }
  }

  if (auto it = schema.find("allOf"); it != schema.end()) {
    for (const auto& sub : *it)
      validate_node(sub, document, instance, pointer, depth + 1, out);
  }
  if (auto it = schema.find("anyOf"); it != schema.end()) {
    const bool any = std::any_of(it->begin(), it->end(), [&](const json& sub) {
      return matches(sub, document, instance, depth + 1);
    });
    if (!any)
      fail("anyOf", "matches none of the allowed forms");
  }
  if (auto it = schema.find("oneOf"); it != schema.end()) {
    const auto n = std::count_if(it->begin(), it->end(), [&](const json& sub) {
      return matches(sub, document, instance, depth + 1);
    });
    if (n != 1)
      fail("oneOf", "matches " + std::to_string(n) + " of the forms, exactly one is allowed");
  }
  if (auto it = schema.find("not");
      it != schema.end() && matches(*it, document, instance, depth + 1)) {
    // The usual use is forbidding properties in one case of an if/then; say so plainly.
    const json& n = *it;
    if (n.size() == 1 && n.contains("required")) {
      fail("not", "property " + quoted_list(n["required"]) + " is not allowed here");
    } else if (n.size() == 1 && n.contains("anyOf")) {
      json forbidden = json::array();
      for (const auto& alt : n["anyOf"]) {
        if (alt.contains("required") && instance.is_object()) {
          for (const auto& r : alt["required"]) {
            if (instance.contains(r.get<std::string>()))
              forbidden.push_back(r);
          }
        }
      }
      fail("not", "property " + quoted_list(forbidden) + " is not allowed here");
    } else {
      fail("not", "matches a form that is not allowed");
    }
  }
  if (auto it = schema.find("if"); it != schema.end()) {
    const bool cond = matches(*it, document, instance, depth + 1);
    const auto branch = schema.find(cond ? "then" : "else");
    if (branch != schema.end())
      validate_node(*branch, document, instance, pointer, depth + 1, out);
  }
}

}  // namespace conform::json
