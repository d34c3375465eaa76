#include "core/spec/styled_wire.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace conform::spec {
namespace {

using Json = nlohmann::json;

bool flattened_style(const Parameter& p) {
  return p.style && (*p.style == "repeatList" || *p.style == "flat");
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A leaf as wire text: the SDK sends value.toString().
std::string leaf_text(const Json& v) {
  if (v.is_string())
    return v.get<std::string>();
  if (v.is_boolean())
    return v.get<bool>() ? "true" : "false";
  return v.dump();
}

void flatten_into(const Shape* shape, const std::string& key, const Json& v, WireParams& out) {
  if (v.is_null())
    return;  // the SDK skips an unset item or member
  if (v.is_array()) {
    const Shape* items = shape && !shape->items.empty() ? &shape->items.front() : nullptr;
    for (std::size_t i = 0; i < v.size(); ++i)
      flatten_into(items, key + "." + std::to_string(i + 1), v[i], out);
    return;
  }
  if (v.is_object()) {
    // Members in shape order, then any the shape does not name.
    std::vector<std::string> names;
    if (shape) {
      for (const auto& m : shape->members)
        if (v.contains(m.name))
          names.push_back(m.name);
    }
    for (const auto& [name, member] : v.items())
      if (std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(name);
    for (const auto& name : names) {
      const Shape* member = nullptr;
      if (shape) {
        for (const auto& m : shape->members)
          if (m.name == name)
            member = &m;
      }
      flatten_into(member, key + "." + name, v[name], out);
    }
    return;
  }
  out.emplace_back(key, leaf_text(v));
}

// A list index as the SDK writes one: 1, 2, ... without a sign or leading zero.
std::optional<std::size_t> index_of(std::string_view text) {
  if (text.empty() || text.front() == '0')
    return std::nullopt;
  std::size_t n = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size())
    return std::nullopt;
  return n;
}

// The value under `key` read from flattened keys, following the shape; nullopt when nothing of
// it was sent.
std::optional<Json> gather(const ParamMap& params, const Shape& shape, const std::string& key) {
  if (shape.type == ShapeType::kArray) {
    if (shape.items.empty())
      return std::nullopt;
    const std::string prefix = key + ".";
    std::vector<std::size_t> indices;
    for (auto it = params.lower_bound(prefix); it != params.end() && it->first.starts_with(prefix);
         ++it) {
      const std::string_view rest = std::string_view(it->first).substr(prefix.size());
      if (const auto n = index_of(rest.substr(0, rest.find('.'))))
        indices.push_back(*n);
    }
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    Json out = Json::array();
    for (const auto n : indices) {
      if (auto item = gather(params, shape.items.front(), prefix + std::to_string(n)))
        out.push_back(std::move(*item));
    }
    return out.empty() ? std::nullopt : std::optional<Json>(std::move(out));
  }
  if (shape.type == ShapeType::kObject) {
    Json out = Json::object();
    for (const auto& m : shape.members) {
      if (auto v = gather(params, m, key + "." + m.name))
        out[m.name] = std::move(*v);
    }
    return out.empty() ? std::nullopt : std::optional<Json>(std::move(out));
  }
  if (const auto it = params.find(key); it != params.end())
    return Json(it->second);
  return std::nullopt;
}

std::string shown(const Json& v) {
  return v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.dump();
}

std::optional<std::string> leaf_violation(const Shape& s, const Json& v, const std::string& where) {
  // A JSON-encoded value may carry typed leaves; a flattened one carries wire text.
  std::optional<std::int64_t> number;
  switch (s.type) {
    case ShapeType::kInteger:
      if (v.is_number_integer())
        number = v.get<std::int64_t>();
      else if (v.is_string())
        number = parse_integer(v.get<std::string>(), s.format);
      if (!number)
        return where + ": " + shown(v) + " is not an integer";
      break;
    case ShapeType::kBoolean:
      if (!v.is_boolean() && !(v.is_string() && parse_boolean(v.get<std::string>())))
        return where + ": " + shown(v) + " is not true or false";
      break;
    case ShapeType::kString:
    case ShapeType::kNumber:
      break;
    case ShapeType::kArray:
    case ShapeType::kObject:
      return where + ": " + shown(v) + " is not a " +
             (s.type == ShapeType::kArray ? "list" : "struct");
  }
  if (number && ((s.minimum && *number < *s.minimum) || (s.maximum && *number > *s.maximum)))
    return where + ": " + std::to_string(*number) + " is out of range";
  if (!v.is_string())
    return std::nullopt;
  const std::string text = v.get<std::string>();
  if (!s.enum_values.empty() &&
      std::find(s.enum_values.begin(), s.enum_values.end(), text) == s.enum_values.end())
    return where + ": " + shown(v) + " is not one of its values";
  if (s.min_length && code_points(text) < *s.min_length)
    return where + ": shorter than " + std::to_string(*s.min_length) + " characters";
  if (s.max_length && code_points(text) > *s.max_length)
    return where + ": longer than " + std::to_string(*s.max_length) + " characters";
  if (s.compiled_pattern && !std::regex_match(text, *s.compiled_pattern))
    return where + ": " + shown(v) + " does not match " + *s.pattern;
  return std::nullopt;
}

std::optional<std::string> violation(const Shape& s, const Json& v, const std::string& where) {
  if (s.type == ShapeType::kArray) {
    if (!v.is_array())
      return where + " is not a list";
    if (s.max_items && v.size() > *s.max_items)
      return where + " has " + std::to_string(v.size()) + " items, more than " +
             std::to_string(*s.max_items);
    if (s.min_items && v.size() < *s.min_items)
      return where + " has " + std::to_string(v.size()) + " items, fewer than " +
             std::to_string(*s.min_items);
    for (std::size_t i = 0; i < v.size() && !s.items.empty(); ++i) {
      if (auto why = violation(s.items.front(), v[i], where + "." + std::to_string(i + 1)))
        return why;
    }
    return std::nullopt;
  }
  if (s.type == ShapeType::kObject) {
    if (!v.is_object())
      return where + " is not a struct";
    for (const auto& m : s.members) {
      const auto it = v.find(m.name);
      if (it == v.end() || it->is_null()) {
        if (m.required)
          return where + "." + m.name + " is missing";
        continue;
      }
      if (auto why = violation(m, *it, where + "." + m.name))
        return why;
    }
    return std::nullopt;
  }
  return leaf_violation(s, v, where);
}

}  // namespace

bool is_flattened_key(const Parameter& param, std::string_view key) {
  return flattened_style(param) && key.size() > param.name.size() + 1 &&
         key.starts_with(param.name) && key[param.name.size()] == '.';
}

const Parameter* owner_of(const Operation& op, std::string_view key) {
  if (const auto* p = op.find_parameter(key))
    return p;
  for (const auto& p : op.parameters) {
    if (is_flattened_key(p, key))
      return &p;
  }
  return nullptr;
}

WireParams flatten(const Parameter& param, const Json& value) {
  WireParams out;
  if (!param.style)
    return out;
  if (*param.style == "json") {
    out.emplace_back(param.name, value.dump());
  } else if (*param.style == "simple") {
    std::string joined;
    for (std::size_t i = 0; value.is_array() && i < value.size(); ++i)
      joined += (i ? "," : "") + leaf_text(value[i]);
    out.emplace_back(param.name, value.is_array() ? joined : leaf_text(value));
  } else {
    flatten_into(param.shape ? &*param.shape : nullptr, param.name, value, out);
  }
  return out;
}

void read_styled(const Operation& op, ParamMap& params) {
  for (const auto& p : op.parameters) {
    if (!p.style || !p.shape)
      continue;
    if (*p.style == "simple") {
      const auto it = params.find(p.name);
      if (it == params.end())
        continue;
      Json items = Json::array();
      for (std::size_t start = 0;;) {
        const auto comma = it->second.find(',', start);
        items.push_back(it->second.substr(start, comma - start));
        if (comma == std::string::npos)
          break;
        start = comma + 1;
      }
      it->second = items.dump();
    } else if (flattened_style(p)) {
      params.erase(p.name);
      if (auto v = gather(params, *p.shape, p.name))
        params.emplace(p.name, v->dump());
    }
    // json: the wire text is the value.
  }
}

std::optional<std::string> shape_violation(const Parameter& param, std::string_view value) {
  if (!param.shape)
    return std::nullopt;
  const Json v = Json::parse(value, nullptr, false);
  if (v.is_discarded())
    return "not JSON";
  return violation(*param.shape, v, param.name);
}

bool shape_constrains(const Shape& s) {
  if (s.min_items || s.max_items || s.required || !s.enum_values.empty() || s.minimum ||
      s.maximum || s.min_length || s.max_length || s.pattern || s.type == ShapeType::kInteger ||
      s.type == ShapeType::kBoolean)
    return true;
  return std::any_of(s.items.begin(), s.items.end(), shape_constrains) ||
         std::any_of(s.members.begin(), s.members.end(), shape_constrains);
}

}  // namespace conform::spec
