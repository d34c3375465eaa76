#include "mock/fixtures.h"

#include <algorithm>
#include <cctype>

#include "core/json/parse.h"
#include "core/json/pointer.h"

namespace conform::mock {
namespace {

// IDs look like the documented example ("pc-bp1hp0wr072f6****" gives "pc-"), so clients that
// check ID shapes accept them.
std::string id_prefix(const spec::Resource& r) {
  if (r.example) {
    const auto dash = r.example->find('-');
    if (dash != std::string::npos && dash > 0)
      return r.example->substr(0, dash + 1);
  }
  return r.name + "-";
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

const spec::Resource& resource_or_throw(const spec::Operation& op, const std::string& name,
                                        const std::string& where) {
  const auto* r = op.find_resource(name);
  if (!r) {
    std::string known;
    for (const auto& [n, _] : op.resources)
      known += (known.empty() ? "" : ", ") + n;
    throw FixtureError(where + "unknown resource \"" + name + "\" (the spec has: " + known + ")");
  }
  return *r;
}

std::string checked_state(const spec::Resource& r, const std::string& state,
                          const std::string& where) {
  if (r.states.empty()) {
    if (!state.empty()) {
      throw FixtureError(where + r.name + " has no lifecycle, so \"" + state + "\" is not a state");
    }
    return "";
  }
  if (state.empty())
    throw FixtureError(where + r.name + " needs a state");
  const auto canonical = canonical_state(r, state);
  if (!canonical) {
    std::string known;
    for (const auto& s : r.states)
      known += (known.empty() ? "" : ", ") + s.name;
    throw FixtureError(where + r.name + " has no state \"" + state + "\" (states: " + known + ")");
  }
  return *canonical;
}

}  // namespace

std::optional<std::string> canonical_state(const spec::Resource& resource, std::string_view name) {
  for (const auto& s : resource.states) {
    if (s.name == name)
      return s.name;
    if (std::find(s.aliases.begin(), s.aliases.end(), name) != s.aliases.end())
      return s.name;
  }
  return std::nullopt;
}

Fixtures default_fixtures(const spec::Operation& op) {
  Fixtures f;
  for (const auto& [name, r] : op.resources) {
    if (r.states.empty()) {
      if (r.example)
        f.records.push_back({name, *r.example, ""});
      continue;
    }
    for (const auto& s : r.states) {
      f.records.push_back({name, id_prefix(r) + "mock-" + lower(s.name), s.name});
    }
  }
  return f;
}

Fixtures load_fixtures(const std::string& path, const spec::Operation& op) {
  nlohmann::json doc;
  try {
    doc = json::read_file_strict(path, 64u << 20);
  } catch (const json::ParseError& e) {
    throw FixtureError(path + (e.where.empty() ? "" : ":" + e.where) + ": " + e.what());
  }
  if (!doc.is_object() || !doc.contains("resources") || !doc["resources"].is_object()) {
    throw FixtureError(path + ":/: expected an object with a \"resources\" object");
  }
  Fixtures f;
  for (const auto& [name, list] : doc["resources"].items()) {
    const std::string base = json::pointer_append("/resources", name);
    const auto& r = resource_or_throw(op, name, path + ":" + base + ": ");
    if (!list.is_array())
      throw FixtureError(path + ":" + base + ": expected an array of records");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = path + ":" + json::pointer_append(base, i) + ": ";
      const auto& item = list[i];
      if (!item.is_object() || !item.contains("id") || !item["id"].is_string() ||
          item["id"].get<std::string>().empty()) {
        throw FixtureError(where +
                           "expected {\"id\": \"...\", \"state\": \"...\"} with a non-empty id");
      }
      if (item.contains("state") && !item["state"].is_string()) {
        throw FixtureError(where + "\"state\" must be a string");
      }
      const std::string state = item.value("state", "");
      f.records.push_back({name, item["id"], checked_state(r, state, where)});
    }
  }
  return f;
}

ResourceRecord parse_resource_flag(const spec::Operation& op, const std::string& resource,
                                   const std::string& text) {
  const auto& r = resource_or_throw(op, resource, "--" + resource + " " + text + ": ");
  const auto eq = text.find('=');
  const std::string id = text.substr(0, eq);
  const std::string state = eq == std::string::npos ? "" : text.substr(eq + 1);
  if (id.empty())
    throw FixtureError("--" + resource + " " + text + ": the ID is empty");
  return {resource, id, checked_state(r, state, "--" + resource + " " + text + ": ")};
}

}  // namespace conform::mock
