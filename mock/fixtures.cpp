#include "mock/fixtures.h"

#include <algorithm>
#include <cctype>

#include "core/json/parse.h"

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

// A state every state rule on `param` accepts (empty for a resource without states): a record
// that fails a service rule must fail nothing before it.
std::string accepted_state(const spec::Operation& op, const spec::Resource& r,
                           const std::string& param) {
  if (r.states.empty())
    return "";
  for (const auto& s : r.states) {
    const bool accepted = std::all_of(op.rules.begin(), op.rules.end(), [&](const spec::Rule& x) {
      return x.check != spec::Check::kState || x.param != param ||
             std::find(x.states.begin(), x.states.end(), s.name) != x.states.end();
    });
    if (accepted)
      return s.name;
  }
  return r.states.front().name;
}

}  // namespace

InitialResources default_fixtures(const spec::Operation& op) {
  InitialResources f;
  for (const auto& [name, r] : op.resources) {
    if (r.states.empty()) {
      if (r.example)
        f.records.push_back({name, *r.example, "", {}});
      continue;
    }
    for (const auto& s : r.states) {
      f.records.push_back({name, id_prefix(r) + "mock-" + lower(s.name), s.name, {}});
    }
  }
  for (const auto& rule : op.rules) {
    const auto* r = op.find_resource(rule.resource);
    if (rule.check != spec::Check::kService || !r)
      continue;
    f.records.push_back({rule.resource, id_prefix(*r) + "mock-fails-" + rule.id,
                         accepted_state(op, *r, rule.param), std::vector<std::string>{rule.id}});
  }
  return f;
}

InitialResources load_fixtures(const std::string& path, const spec::Operation& op) {
  nlohmann::json doc;
  try {
    doc = json::read_file_strict(path, 64u << 20);
  } catch (const json::ParseError& e) {
    throw spec::ResourceFixtureError(path + (e.where.empty() ? "" : ":" + e.where) + ": " +
                                     e.what());
  }
  if (!doc.is_object() || !doc.contains("resources") || !doc["resources"].is_object()) {
    throw spec::ResourceFixtureError(path + ":/: expected an object with a \"resources\" object");
  }
  InitialResources f;
  for (auto& r :
       spec::read_resource_fixtures(doc["resources"], op, path, "/resources",
                                    {.other_state_allowed = false, .state_required = true}))
    f.records.push_back(
        {std::move(r.resource), std::move(r.id), std::move(r.state), std::move(r.fails)});
  return f;
}

ResourceRecord parse_resource_flag(const spec::Operation& op, const std::string& resource,
                                   const std::string& text) {
  const auto& r = spec::resource_or_throw(op, resource, "--" + resource + " " + text + ": ");
  const auto eq = text.find('=');
  const std::string id = text.substr(0, eq);
  const std::string state = eq == std::string::npos ? "" : text.substr(eq + 1);
  if (id.empty())
    throw spec::ResourceFixtureError("--" + resource + " " + text + ": the ID is empty");
  return {resource, id, spec::checked_state(r, state, "--" + resource + " " + text + ": "), {}};
}

}  // namespace conform::mock
