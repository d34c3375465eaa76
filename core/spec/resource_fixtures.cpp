#include "core/spec/resource_fixtures.h"

#include <algorithm>

#include "core/json/pointer.h"

namespace conform::spec {
namespace {

// "fails": the ids of service rules about `resource`; anything else names where and what.
std::vector<std::string> failed_rules(const nlohmann::json& item, const Operation& op,
                                      const std::string& resource, const std::string& where) {
  std::vector<std::string> out;
  if (!item.contains("fails"))
    return out;
  const auto& list = item["fails"];
  if (!list.is_array())
    throw ResourceFixtureError(where + "\"fails\" must be an array of rule ids");
  for (const auto& id : list) {
    const auto rule = std::find_if(op.rules.begin(), op.rules.end(), [&](const Rule& r) {
      return id.is_string() && r.id == id.get<std::string>();
    });
    if (rule == op.rules.end() || rule->check != Check::kService || rule->resource != resource) {
      std::string known;
      for (const auto& r : op.rules) {
        if (r.check == Check::kService && r.resource == resource)
          known += (known.empty() ? "" : ", ") + r.id;
      }
      throw ResourceFixtureError(where + "\"fails\" names " + id.dump() +
                                 ", which is not a service rule about " + resource +
                                 " (the spec has: " + (known.empty() ? "none" : known) + ")");
    }
    out.push_back(rule->id);
  }
  return out;
}

}  // namespace

std::optional<std::string> canonical_state(const Resource& resource, std::string_view name) {
  for (const auto& s : resource.states) {
    if (s.name == name)
      return s.name;
    if (std::find(s.aliases.begin(), s.aliases.end(), name) != s.aliases.end())
      return s.name;
  }
  return std::nullopt;
}

const Resource& resource_or_throw(const Operation& op, const std::string& name,
                                  const std::string& where) {
  const auto* r = op.find_resource(name);
  if (!r) {
    std::string known;
    for (const auto& [n, _] : op.resources)
      known += (known.empty() ? "" : ", ") + n;
    throw ResourceFixtureError(where + "unknown resource \"" + name + "\" (the spec has: " + known +
                               ")");
  }
  return *r;
}

std::string checked_state(const Resource& r, const std::string& state, const std::string& where,
                          bool state_required) {
  if (r.states.empty()) {
    if (!state.empty()) {
      throw ResourceFixtureError(where + r.name + " has no lifecycle, so \"" + state +
                                 "\" is not a state");
    }
    return "";
  }
  if (state.empty()) {
    if (!state_required)
      return "";
    throw ResourceFixtureError(where + r.name + " needs a state");
  }
  const auto canonical = canonical_state(r, state);
  if (!canonical) {
    std::string known;
    for (const auto& s : r.states)
      known += (known.empty() ? "" : ", ") + s.name;
    throw ResourceFixtureError(where + r.name + " has no state \"" + state +
                               "\" (states: " + known + ")");
  }
  return *canonical;
}

std::vector<ResourceFixture> read_resource_fixtures(const nlohmann::json& resources,
                                                    const Operation& op, const std::string& file,
                                                    const std::string& pointer,
                                                    ResourceFixtureRules rules) {
  if (!resources.is_object()) {
    throw ResourceFixtureError(file + ":" + (pointer.empty() ? "/" : pointer) +
                               ": expected an object of resource lists");
  }
  std::vector<ResourceFixture> out;
  for (const auto& [name, list] : resources.items()) {
    const std::string base = json::pointer_append(pointer, name);
    const auto& r = resource_or_throw(op, name, file + ":" + base + ": ");
    if (!list.is_array())
      throw ResourceFixtureError(file + ":" + base + ": expected an array of records");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = file + ":" + json::pointer_append(base, i) + ": ";
      const auto& item = list[i];
      if (!item.is_object() || !item.contains("id") || !item["id"].is_string() ||
          item["id"].get<std::string>().empty()) {
        throw ResourceFixtureError(
            where + "expected {\"id\": \"...\", \"state\": \"...\"} with a non-empty id");
      }
      if (item.contains("state") && !item["state"].is_string())
        throw ResourceFixtureError(where + "\"state\" must be a string");
      auto fails = failed_rules(item, op, name, where);
      const std::string state = item.value("state", "");
      if (rules.other_state_allowed && state == "other") {
        out.push_back({name, item["id"], "", true, std::move(fails)});
        continue;
      }
      out.push_back({name, item["id"], checked_state(r, state, where, rules.state_required), false,
                     std::move(fails)});
    }
  }
  return out;
}

}  // namespace conform::spec
