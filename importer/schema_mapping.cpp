#include "importer/schema_mapping.h"

#include <charconv>
#include <set>

#include "core/json/pointer.h"

namespace conform::importer {
namespace {

std::string at(std::string_view pointer, std::string_view token) {
  return conform::json::pointer_append(pointer, token);
}

// The keys of a schema that hold prose or presentation only: left out, never reported.
const std::set<std::string>& prose_keys() {
  static const std::set<std::string> keys = {"description", "title", "enumValueTitles", "itemNode"};
  return keys;
}

// A JSON scalar as the wire text it stands for; nullopt for an array, object or null.
std::optional<std::string> wire_text(const Json& v) {
  if (v.is_string())
    return v.get<std::string>();
  if (v.is_boolean())
    return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer() || v.is_number_unsigned())
    return v.dump();
  return std::nullopt;
}

// An integer the metadata writes as a string ("1") or a number.
std::optional<std::int64_t> integer_of(const Json& v) {
  if (v.is_number_integer())
    return v.get<std::int64_t>();
  if (!v.is_string())
    return std::nullopt;
  const auto text = v.get<std::string>();
  std::int64_t out = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  if (text.empty() || ec != std::errc() || ptr != end)
    return std::nullopt;
  return out;
}

// Follows a $ref into components/schemas; the schema itself when it has none. nullptr (noted)
// when the reference leads nowhere.
const Json* resolve(const Document& doc, const Json& schema, const std::string& pointer,
                    const Notes& notes) {
  const Json* s = &schema;
  for (int hops = 0; s->is_object() && s->contains("$ref"); ++hops) {
    const auto& ref = (*s)["$ref"];
    const std::string prefix = "#/components/schemas/";
    if (hops > 16 || !ref.is_string() || !ref.get<std::string>().starts_with(prefix)) {
      notes.add(at(pointer, "$ref"), "unresolved-ref", "a $ref that does not name a schema");
      return nullptr;
    }
    try {
      s = &doc.root.at(Json::json_pointer(ref.get<std::string>().substr(1)));
    } catch (const Json::exception&) {
      notes.add(at(pointer, "$ref"), "unresolved-ref", ref.get<std::string>() + " is not defined");
      return nullptr;
    }
  }
  if (!s->is_object()) {
    notes.add(pointer, "schema-shape", "a schema that is not an object");
    return nullptr;
  }
  return s;
}

// Constraints on one value of a scalar type, onto `out` (a parameter or a shape node).
void map_constraints(const Json& s, const std::string& pointer, const std::string& type, Out& out,
                     const Notes& notes) {
  if (auto e = s.find("enum"); e != s.end()) {
    std::vector<std::string> values;
    bool ok = e->is_array() && !e->empty();
    for (const auto& v : ok ? *e : Json::array()) {
      const auto text = wire_text(v);
      ok = ok && text.has_value();
      if (text && std::find(values.begin(), values.end(), *text) == values.end())
        values.push_back(*text);
    }
    if (ok)
      out["enum"] = values;
    else
      notes.add(at(pointer, "enum"), "enum-form", "an enum that is empty or not a list of values");
  }
  for (const char* key : {"minimum", "maximum"}) {
    const auto v = s.find(key);
    if (v == s.end())
      continue;
    const auto bound = integer_of(*v);
    if (type != "integer")
      notes.add(at(pointer, key), "range-on-" + type, "a numeric range on a " + type);
    else if (!bound)
      notes.add(at(pointer, key), "range-form", "not a whole number: " + v->dump());
    else
      out[key] = *bound;
  }
  for (auto [key, name] : {std::pair{"minLength", "min_length"}, {"maxLength", "max_length"}}) {
    const auto v = s.find(key);
    if (v == s.end())
      continue;
    const auto length = integer_of(*v);
    if (type != "string")
      notes.add(at(pointer, key), "length-on-" + type, "a length on a " + type);
    else if (!length || *length < 0)
      notes.add(at(pointer, key), "length-form", "not a length: " + v->dump());
    else
      out[name] = *length;
  }
  if (auto v = s.find("pattern"); v != s.end()) {
    if (type == "string" && v->is_string() && !v->get<std::string>().empty())
      out["pattern"] = *v;
    else
      notes.add(at(pointer, "pattern"), "pattern-form", "a pattern that is not on a string");
  }
}

Out map_shape(const Document& doc, const Json& schema, const std::string& pointer,
              const Notes& notes);

void map_structure(const Document& doc, const Json& s, const std::string& pointer,
                   const std::string& type, Out& out, const Notes& notes) {
  if (type == "array") {
    for (auto [key, name] : {std::pair{"minItems", "min_items"}, {"maxItems", "max_items"}}) {
      if (auto v = s.find(key); v != s.end()) {
        if (const auto n = integer_of(*v); n && *n >= 0)
          out[name] = *n;
        else
          notes.add(at(pointer, key), "items-form", "not a count: " + v->dump());
      }
    }
    for (const char* key : {"minLength", "maxLength"}) {
      if (s.contains(key))
        notes.add(at(pointer, key), "length-on-array", "a length on a list: of what is not said");
    }
    if (auto items = s.find("items"); items != s.end())
      out["items"] = map_shape(doc, *items, at(pointer, "items"), notes);
    else
      notes.add(pointer, "items-missing", "a list without items");
  } else if (type == "object") {
    Out members = Out::array();
    if (auto props = s.find("properties"); props != s.end() && props->is_object()) {
      for (const auto& [name, sub] : props->items()) {
        Out m = map_shape(doc, sub, at(at(pointer, "properties"), name), notes);
        Out named = {{"name", name}};
        named.update(m);
        members.push_back(std::move(named));
      }
    }
    out["members"] = std::move(members);
  } else {
    map_constraints(s, pointer, type, out, notes);
  }
}

const std::set<std::string>& known_schema_keys() {
  static const std::set<std::string> keys = {
      "type",  "format",     "required", "docRequired", "example",    "default",
      "enum",  "minimum",    "maximum",  "minLength",   "maxLength",  "pattern",
      "items", "properties", "maxItems", "minItems",    "deprecated", "$ref"};
  return keys;
}

void note_unknown_keys(const Json& s, const std::string& pointer, const Notes& notes) {
  for (const auto& [key, value] : s.items()) {
    if (!known_schema_keys().count(key) && !prose_keys().count(key))
      notes.add(at(pointer, key), "unknown-key", "the importer does not know \"" + key + "\"");
  }
}

Out map_shape(const Document& doc, const Json& schema, const std::string& pointer,
              const Notes& notes) {
  const Json* s = resolve(doc, schema, pointer, notes);
  if (!s)
    return {{"type", "string"}, {"from", pointer}};
  note_unknown_keys(*s, pointer, notes);
  const std::string type = s->value("type", "");
  static const std::set<std::string> types = {"string", "integer", "boolean",
                                              "number", "array",   "object"};
  Out out = {{"type", types.count(type) ? type : "string"}};
  if (!types.count(type))
    notes.add(at(pointer, "type"), "type", "type \"" + type + "\" is not one the format knows");
  if (auto f = s->find("format"); f != s->end() && f->is_string() && !f->get<std::string>().empty())
    out["format"] = *f;
  if (auto r = s->find("required"); r != s->end() && r->is_boolean())
    out["required"] = *r;
  map_structure(doc, *s, pointer, type, out, notes);
  if (auto v = s->find("example"); v != s->end() && type != "array" && type != "object") {
    if (const auto text = wire_text(*v))
      out["example"] = *text;
  }
  out["from"] = pointer;
  return out;
}

}  // namespace

bool is_spec_name(const std::string& name) {
  const auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (name.empty() || !alpha(name[0]))
    return false;
  return std::all_of(name.begin(), name.end(), [&](char c) {
    return alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

std::optional<Out> map_parameter(const Document& doc, const Json& param, const std::string& pointer,
                                 const Notes& notes) {
  if (!param.is_object() || !param.contains("name") || !param["name"].is_string() ||
      !param.contains("schema")) {
    notes.add(pointer, "parameter-shape", "a parameter without a name or a schema");
    return std::nullopt;
  }
  const std::string name = param["name"];
  if (!is_spec_name(name)) {
    notes.add(at(pointer, "name"), "parameter-name", "\"" + name + "\" is not a parameter name");
    return std::nullopt;
  }
  const std::string in = param.value("in", "");
  std::vector<std::string> locations;
  if (in == "query")
    locations = {"query"};
  else if (in == "formData")
    locations = {"body"};
  else {
    notes.add(at(pointer, "in"), "location",
              name + " travels in \"" + in + "\", which the spec format has no place for");
    return std::nullopt;
  }
  const std::string schema_ptr = at(pointer, "schema");
  const Json* s = resolve(doc, param["schema"], schema_ptr, notes);
  if (!s)
    return std::nullopt;
  note_unknown_keys(*s, schema_ptr, notes);
  const std::string type = s->value("type", "");
  const bool structured = type == "array" || type == "object";
  if (type != "string" && type != "integer" && type != "boolean" && !structured) {
    notes.add(at(schema_ptr, "type"), "type", name + " has type \"" + type + "\"");
    return std::nullopt;
  }
  Out p = {{"name", name}, {"type", type}};
  const auto style = param.find("style");
  if (structured) {
    static const std::set<std::string> styles = {"repeatList", "flat", "json", "simple"};
    if (style == param.end() || !style->is_string() || !styles.count(style->get<std::string>())) {
      notes.add(pointer, "style", name + " is a " + type + " without a style the format knows");
      return std::nullopt;
    }
    p["style"] = *style;
  } else if (style != param.end()) {
    notes.add(at(pointer, "style"), "style-on-scalar", name + " is a " + type + " with a style");
  }
  if (auto f = s->find("format"); f != s->end()) {
    if (type == "integer" && (*f == "int32" || *f == "int64"))
      p["format"] = *f;
    else
      notes.add(at(schema_ptr, "format"), "format", name + ": format " + f->dump());
  }
  const auto required = s->find("required");
  p["required"] = required != s->end() && required->is_boolean() && required->get<bool>();
  if (auto doc_required = s->find("docRequired");
      doc_required != s->end() && doc_required->is_boolean() &&
      doc_required->get<bool>() != p["required"].get<bool>()) {
    notes.add(at(schema_ptr, "docRequired"), "required-disagrees",
              name + ": required is " + p["required"].dump() + ", docRequired " +
                  doc_required->dump() + "; the spec takes required");
  }
  if (structured) {
    Out shape = {{"type", type}};
    map_structure(doc, *s, schema_ptr, type, shape, notes);
    p["shape"] = std::move(shape);
  } else {
    map_constraints(*s, schema_ptr, type, p, notes);
  }
  for (const char* key : {"default", "example"}) {
    if (auto v = s->find(key); v != s->end()) {
      if (const auto text = wire_text(*v); text && !structured)
        p[key] = *text;
      else if (key == std::string("default"))
        notes.add(at(schema_ptr, key), "default-form", name + ": a default that is not a value");
    }
  }
  if (s->value("deprecated", false))
    notes.add(at(schema_ptr, "deprecated"), "deprecated-parameter", name + " is deprecated");
  if (param.contains("allowEmptyValue"))
    notes.add(at(pointer, "allowEmptyValue"), "allow-empty-value",
              name + ": whether an empty value is allowed has no place in the format");
  p["in"] = locations;
  p["from"] = pointer;
  p["sources"] = {doc.source_key};
  return p;
}

Out map_fields(const Document& doc, const Json& schema, const std::string& pointer,
               const Notes& notes) {
  Out fields = Out::array();
  const Json* s = resolve(doc, schema, pointer, notes);
  if (!s)
    return fields;
  const auto props = s->find("properties");
  if (props == s->end() || !props->is_object())
    return fields;
  std::set<std::string> required_names;
  if (auto r = s->find("required"); r != s->end() && r->is_array()) {
    for (const auto& n : *r)
      if (n.is_string())
        required_names.insert(n.get<std::string>());
  }
  for (const auto& [name, sub_schema] : props->items()) {
    const std::string ptr = at(at(pointer, "properties"), name);
    const Json* sub = resolve(doc, sub_schema, ptr, notes);
    if (!sub)
      continue;
    if (!is_spec_name(name)) {
      notes.add(ptr, "field-name", "\"" + name + "\" is not a field name");
      continue;
    }
    const std::string type = sub->value("type", "");
    Out f = {{"name", name}, {"type", type}};
    const auto req = sub->find("required");
    f["required"] = required_names.count(name) > 0 ||
                    (req != sub->end() && req->is_boolean() && req->get<bool>());
    if (type == "object") {
      Out inner = map_fields(doc, *sub, ptr, notes);
      if (inner.empty()) {
        notes.add(ptr, "empty-object", name + ": an object with no field the format can hold");
        continue;
      }
      f["fields"] = std::move(inner);
    } else if (type != "string" && type != "integer" && type != "boolean") {
      notes.add(at(ptr, "type"), "response-" + (type.empty() ? std::string("untyped") : type),
                name + ": a response " + type + " has no place in the format yet");
      continue;
    }
    if (auto fmt = sub->find("format"); fmt != sub->end())
      notes.add(at(ptr, "format"), "response-format", name + ": format " + fmt->dump());
    if (auto e = sub->find("enum"); e != sub->end())
      notes.add(at(ptr, "enum"), "response-enum", name + ": a response field has no enum");
    if (auto ex = sub->find("example"); type == "string" && ex != sub->end() && ex->is_string())
      f["example"] = *ex;
    f["from"] = ptr;
    fields.push_back(std::move(f));
  }
  return fields;
}

}  // namespace conform::importer
