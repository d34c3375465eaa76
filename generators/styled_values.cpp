#include "generators/styled_values.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/spec/styled_wire.h"
#include "generators/compose.h"

namespace conform::gen {
namespace {

using Json = nlohmann::json;
using spec::Shape;
using spec::ShapeType;

// A flattened list this long is left out: a request line of many kilobytes says more about the
// server's header limits than about the list.
constexpr std::size_t kMaxWireBytes = 16 * 1024;

bool typed_leaves(const spec::Parameter& p) {
  return p.style && *p.style == "json";
}

bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

// A leaf's value as the value document holds it: wire text, or typed for a JSON-encoded value.
Json leaf(const Shape& s, const std::string& text, bool typed) {
  if (typed && s.type == ShapeType::kInteger) {
    if (const auto n = spec::parse_integer(text, s.format))
      return *n;
  }
  if (typed && s.type == ShapeType::kBoolean)
    return text == "true";
  return text;
}

bool leaf_valid(const Shape& s, const std::string& text, bool simple) {
  spec::Parameter probe;
  probe.name = "leaf";
  probe.style = "repeatList";
  probe.shape = s;
  // A comma would split an item of a comma-joined list; anything not printable ASCII is beyond
  // what every reading accepts.
  return printable_ascii(text) && !(simple && text.find(',') != std::string::npos) &&
         !spec::shape_violation(probe, Json(text).dump());
}

// The value a leaf takes in item `index`: `trusted` says whether a source gave it (example, enum,
// bound) rather than the plainest text of the type. nullopt when no text keeps to the leaf.
struct LeafValue {
  std::string text;
  bool trusted = false;
};

std::optional<LeafValue> leaf_value(const Shape& s, std::size_t index, bool simple) {
  std::vector<LeafValue> candidates;
  if (s.example)
    candidates.push_back({*s.example, true});
  for (const auto& v : s.enum_values)
    candidates.push_back({v, true});
  switch (s.type) {
    case ShapeType::kInteger:
      if (s.minimum)
        candidates.push_back({std::to_string(*s.minimum), true});
      if (s.maximum)
        candidates.push_back({std::to_string(*s.maximum), true});
      candidates.push_back({"1", false});
      break;
    case ShapeType::kBoolean:
      candidates.push_back({"false", false});
      break;
    case ShapeType::kNumber:
      candidates.push_back({"1", false});
      break;
    default: {
      const std::size_t lo = std::max<std::size_t>(s.min_length.value_or(1), 1);
      std::string plain = "conform";
      if (s.max_length && plain.size() > *s.max_length)
        plain.resize(*s.max_length);
      while (plain.size() < lo)
        plain += 'a';
      candidates.push_back({plain, false});
      break;
    }
  }
  std::erase_if(candidates, [&](const LeafValue& c) { return !leaf_valid(s, c.text, simple); });
  if (candidates.empty())
    return std::nullopt;
  // Items of one list differ where the leaf lets them: another enum value, or a numbered text.
  LeafValue out = candidates.front();
  if (index > 0 && !s.enum_values.empty()) {
    out = candidates[index % candidates.size()];
  } else if (index > 0 && s.type == ShapeType::kString && !s.pattern) {
    const std::string numbered = out.text + "-" + std::to_string(index + 1);
    if (leaf_valid(s, numbered, simple))
      out.text = numbered;
  }
  return out;
}

enum class Members { kNeeded, kEvery };

// A value of `s`: struct members as `members` says (the required ones, or every one with a value
// a source gave; a struct with no required member takes every such member so it is sent at all).
std::optional<Json> build(const Shape& s, std::size_t index, std::size_t count, Members members,
                          bool typed, bool simple, std::string* why, const std::string& where) {
  if (s.type == ShapeType::kArray) {
    if (s.items.empty()) {
      if (why)
        *why = where + " has no item shape";
      return std::nullopt;
    }
    Json out = Json::array();
    for (std::size_t i = 0; i < count; ++i) {
      auto item = build(s.items.front(), i, 1, members, typed, simple, why, where + ".N");
      if (!item)
        return std::nullopt;
      out.push_back(std::move(*item));
    }
    return out;
  }
  if (s.type == ShapeType::kObject) {
    const bool any_required =
        std::any_of(s.members.begin(), s.members.end(), [](const Shape& m) { return m.required; });
    Json out = Json::object();
    for (const auto& m : s.members) {
      const std::string at = where + "." + m.name;
      const bool wanted = m.required || members == Members::kEvery || !any_required;
      if (!wanted)
        continue;
      const std::size_t n = std::max<std::size_t>(m.min_items.value_or(1), 1);
      if (m.type == ShapeType::kArray || m.type == ShapeType::kObject) {
        std::string ignored;
        auto v = build(m, index, n, members, typed, simple, m.required ? why : &ignored, at);
        if (v)
          out[m.name] = std::move(*v);
        else if (m.required)
          return std::nullopt;
        continue;
      }
      const auto v = leaf_value(m, index, simple);
      // An optional member is only sent with a value a source gave: the plainest text of its
      // type may be one the service's prose rules out.
      if (v && (m.required || v->trusted))
        out[m.name] = leaf(m, v->text, typed);
      else if (m.required) {
        if (why)
          *why = "no value known to satisfy " + at;
        return std::nullopt;
      }
    }
    if (out.empty()) {
      if (why)
        *why = where + " has no member with a value known to satisfy it";
      return std::nullopt;
    }
    return out;
  }
  const auto v = leaf_value(s, index, simple);
  if (!v) {
    if (why)
      *why = "no value known to satisfy " + where;
    return std::nullopt;
  }
  return leaf(s, v->text, typed);
}

std::size_t wire_bytes(const spec::Parameter& p, const Json& v) {
  std::size_t n = 0;
  for (const auto& [key, text] : spec::flatten(p, v))
    n += key.size() + text.size() + 2;
  return n;
}

std::optional<Json> value_of(const spec::Parameter& p, std::size_t count, Members members,
                             std::string* why = nullptr) {
  const bool simple = *p.style == "simple";
  auto v = build(*p.shape, 0, count, members, typed_leaves(p), simple, why, p.name);
  if (v && wire_bytes(p, *v) > kMaxWireBytes)
    return std::nullopt;
  return v;
}

bool styled(const spec::Parameter& p) {
  return p.style && p.shape;
}

// Every leaf path of an item shape with its shape: "" for a scalar item, "Key" for a member.
void leaves(const Shape& s, const std::string& path,
            std::vector<std::pair<std::string, const Shape*>>& out) {
  if (s.type == ShapeType::kObject) {
    for (const auto& m : s.members)
      leaves(m, path.empty() ? m.name : path + "." + m.name, out);
  } else if (s.type != ShapeType::kArray) {
    out.emplace_back(path, &s);
  }
}

// `v` with the leaf at `path` (members separated by '.') set to `to`, or removed when `to` is null.
void set_path(Json& v, const std::string& path, const std::optional<Json>& to) {
  if (path.empty()) {
    if (to)
      v = *to;
    return;
  }
  const auto dot = path.find('.');
  const std::string head = path.substr(0, dot);
  if (dot == std::string::npos) {
    if (to)
      v[head] = *to;
    else
      v.erase(head);
    return;
  }
  if (!v.contains(head))
    v[head] = Json::object();
  set_path(v[head], path.substr(dot + 1), to);
}

}  // namespace

std::vector<std::string> styled_valid_values(const spec::Parameter& param, std::string* why) {
  std::vector<std::string> out;
  if (!styled(param)) {
    if (why)
      *why = param.name + " travels as " + param.style.value_or("?") + " without a shape";
    return out;
  }
  const auto& s = *param.shape;
  const bool list = s.type == ShapeType::kArray;
  const std::size_t fewest = std::max<std::size_t>(s.min_items.value_or(1), 1);
  const auto add = [&](const std::optional<Json>& v) {
    if (!v)
      return;
    std::string text = v->dump();
    if (std::find(out.begin(), out.end(), text) == out.end())
      out.push_back(std::move(text));
  };
  add(value_of(param, fewest, Members::kNeeded, why));
  if (out.empty())
    return out;
  add(value_of(param, fewest, Members::kEvery));
  if (list) {
    const std::size_t most = s.max_items ? *s.max_items : std::max<std::size_t>(fewest, 2);
    if (most > fewest)
      add(value_of(param, most, Members::kNeeded));
  }
  return out;
}

std::vector<Mutation> styled_mutations(const spec::Parameter& param) {
  std::vector<Mutation> out;
  if (!styled(param))
    return out;
  const auto& s = *param.shape;
  if (s.type == ShapeType::kArray) {
    if (s.max_items) {
      if (auto v = value_of(param, *s.max_items + 1, Members::kNeeded))
        out.push_back({v->dump(), {}, "more than " + std::to_string(*s.max_items) + " items"});
    }
    if (s.min_items && *s.min_items > 1) {
      if (auto v = value_of(param, *s.min_items - 1, Members::kNeeded))
        out.push_back({v->dump(), {}, "fewer than " + std::to_string(*s.min_items) + " items"});
    }
  }
  // One item (or the struct itself) with one leaf broken.
  const auto base = value_of(param, 1, Members::kEvery);
  if (!base)
    return out;
  const Shape& item = s.type == ShapeType::kArray && !s.items.empty() ? s.items.front() : s;
  std::vector<std::pair<std::string, const Shape*>> paths;
  leaves(item, "", paths);
  for (const auto& [path, leaf_shape] : paths) {
    std::optional<Json> broken;
    std::string why;
    if (leaf_shape->type == ShapeType::kInteger) {
      broken = Json("abc");
      why = "not an integer";
    } else if (leaf_shape->type == ShapeType::kBoolean) {
      broken = Json("yes");
      why = "not a boolean";
    } else if (!leaf_shape->enum_values.empty()) {
      broken = Json("conform-unknown");
      why = "unknown enum value";
    } else {
      continue;
    }
    Json v = *base;
    set_path(s.type == ShapeType::kArray ? v[0] : v, path, broken);
    out.push_back({v.dump(),
                   {},
                   param.name + (s.type == ShapeType::kArray ? ".1" : "") +
                       (path.empty() ? "" : "." + path) + " " + why});
  }
  for (const auto& m : item.type == ShapeType::kObject ? item.members : std::vector<Shape>{}) {
    if (!m.required)
      continue;
    Json v = *base;
    Json& target = s.type == ShapeType::kArray ? v[0] : v;
    target.erase(m.name);
    if (target.empty())
      continue;  // nothing of the item would be sent: that is a missing item, not a member
    out.push_back({v.dump(), {}, "required member " + m.name + " left out"});
  }
  return out;
}

bool carries(const spec::Operation& op, std::string_view name, std::string_view key) {
  if (key == name)
    return true;
  if (key.size() <= name.size() || key[name.size()] != '.' || !key.starts_with(name))
    return false;
  const auto* p = op.find_parameter(name);
  return p && spec::is_flattened_key(*p, key);
}

std::vector<Param> wire_params(const spec::Operation& op, const std::string& name,
                               const std::string& value) {
  const auto* p = op.find_parameter(name);
  if (!p || !styled(*p))
    return {{name, value, spec::Location::kQuery}};
  const Json v = Json::parse(value, nullptr, false);
  if (v.is_discarded())
    return {{name, value, spec::Location::kQuery}};
  std::vector<Param> out;
  for (auto& [key, text] : spec::flatten(*p, v))
    out.push_back({std::move(key), std::move(text), spec::Location::kQuery});
  return out;
}

std::vector<Case> styled_observations(const spec::Operation& op, const std::vector<Param>& base) {
  std::vector<Case> out;
  for (const auto& p : op.parameters) {
    if (!styled(p) || (*p.style != "repeatList" && *p.style != "flat") ||
        p.shape->type != ShapeType::kArray || p.shape->items.empty())
      continue;
    const auto two = value_of(p, 2, Members::kNeeded);
    if (!two || (p.shape->max_items && *p.shape->max_items < 2))
      continue;
    const auto wire = spec::flatten(p, *two);
    // The two items' flattened keys, numbered `first` and `second` instead of 1 and 2.
    const auto renumbered = [&](std::size_t first, std::size_t second) {
      Assignments set;
      for (const auto& [key, text] : wire) {
        const std::string rest = key.substr(p.name.size() + 1);
        const std::size_t n = std::stoul(rest.substr(0, rest.find('.')));
        const std::size_t to = n == 1 ? first : second;
        const auto dot = rest.find('.');
        set.emplace_back(
            p.name + "." + std::to_string(to) + (dot == std::string::npos ? "" : rest.substr(dot)),
            text);
      }
      return set;
    };
    const auto add = [&](std::string description, const Assignments& set) {
      Case c;
      c.description = std::move(description);
      c.params = overlay(op, base, set, {p.name});
      out.push_back(std::move(c));
    };
    add(p.name + " numbered 1, 3 (a gap)", renumbered(1, 3));
    add(p.name + " numbered from 0", renumbered(0, 1));
    if (p.shape->items.front().type == ShapeType::kObject) {
      Assignments set = renumbered(1, 2);
      set.emplace_back(p.name + ".1.ConformUnknown", "conform");
      add(p.name + ".1 with a member the shape does not name", set);
    }
  }
  return out;
}

}  // namespace conform::gen
