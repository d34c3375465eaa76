#include "generators/fixtures.h"

#include <algorithm>

namespace conform::gen {
namespace {

const ResourceFixture* find(const Fixtures& fixtures, std::string_view resource) {
  auto it = fixtures.resources.find(std::string(resource));
  return it == fixtures.resources.end() ? nullptr : &it->second;
}

// The spec's state a fixture key names: the state itself or one of its aliases.
std::optional<std::string> canonical(const spec::Operation& op, std::string_view resource,
                                     std::string_view key) {
  if (const auto* r = op.find_resource(resource)) {
    for (const auto& s : r->states) {
      if (s.name == key || std::find(s.aliases.begin(), s.aliases.end(), key) != s.aliases.end())
        return s.name;
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> existing_ids(const Fixtures& fixtures, std::string_view resource) {
  std::vector<std::string> out;
  if (const auto* f = find(fixtures, resource)) {
    for (const auto& [state, ids] : f->by_state)
      out.insert(out.end(), ids.begin(), ids.end());
    out.insert(out.end(), f->ids.begin(), f->ids.end());
  }
  return out;
}

std::vector<std::string> ids_in_state(const spec::Operation& op, const Fixtures& fixtures,
                                      std::string_view resource, std::string_view state) {
  std::vector<std::string> out;
  if (const auto* f = find(fixtures, resource)) {
    const auto wanted = canonical(op, resource, state);
    for (const auto& [key, ids] : f->by_state) {
      if (canonical(op, resource, key) == wanted)
        out.insert(out.end(), ids.begin(), ids.end());
    }
  }
  return out;
}

std::optional<std::string> state_of(const spec::Operation& op, const Fixtures& fixtures,
                                    std::string_view resource, std::string_view id) {
  if (const auto* f = find(fixtures, resource)) {
    for (const auto& [key, ids] : f->by_state) {
      if (std::find(ids.begin(), ids.end(), id) != ids.end())
        return canonical(op, resource, key).value_or(key);
    }
  }
  return std::nullopt;
}

bool exists(const Fixtures& fixtures, std::string_view resource, std::string_view id) {
  const auto* f = find(fixtures, resource);
  if (!f)
    return false;
  const auto holds = [&](const std::vector<std::string>& ids) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  return holds(f->ids) ||
         std::any_of(f->by_state.begin(), f->by_state.end(),
                     [&](const auto& state_ids) { return holds(state_ids.second); }) ||
         std::any_of(f->failing.begin(), f->failing.end(),
                     [&](const auto& rule_ids) { return holds(rule_ids.second); });
}

std::vector<std::string> ids_failing(const Fixtures& fixtures, std::string_view resource,
                                     std::string_view rule_id) {
  const auto* f = find(fixtures, resource);
  if (!f)
    return {};
  const auto it = f->failing.find(std::string(rule_id));
  return it == f->failing.end() ? std::vector<std::string>{} : it->second;
}

std::string unknown_id(const spec::Operation& op, const Fixtures& fixtures,
                       std::string_view resource) {
  if (const auto* f = find(fixtures, resource); f && !f->unknown.empty())
    return f->unknown;
  std::string stem = std::string(resource);
  if (const auto* r = op.find_resource(resource); r && r->example) {
    // Keep the example's prefix (before any masking stars) so the id is well formed.
    stem = r->example->substr(0, r->example->find('*'));
  }
  std::string id = stem + "conform0unknown";
  while (exists(fixtures, resource, id))
    id += '0';
  return id;
}

}  // namespace conform::gen
