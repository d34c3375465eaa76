#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/model.h"

// The resource-fixture format, read the same way wherever it appears (a mock's fixture file, the
// "resources" of a target file):
//   {"<resource>": [{"id": "...", "state": "...", "fails": ["<service rule id>"]}]}
// "fails" names service rules about the resource that this one fails: conditions only the
// service sees (a circuit with no pricing plan), which a target or a mock may still hold.
namespace conform::spec {

/// One resource a file names: a resource of the spec, its ID and its state by the spec's name
/// (empty for resources without states, and for one in some "other" state).
struct ResourceFixture {
  std::string resource;
  std::string id;
  std::string state;
  bool other_state = false;  // "state": "other", in some state the operation's state rule refuses
  std::vector<std::string> fails;  // ids of service rules about this resource it fails
};

struct ResourceFixtureError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// What a file may leave open.
struct ResourceFixtureRules {
  bool other_state_allowed = false;  // "other" as a state (a target may not know which one)
  bool state_required = false;       // a resource with a lifecycle names its state (a mock must)
};

/// Reads the resource lists at `pointer` of `file`; errors name the file, the JSON pointer and
/// what is wrong. Resources and states are checked against the spec; aliases become its names.
std::vector<ResourceFixture> read_resource_fixtures(const nlohmann::json& resources,
                                                    const Operation& op, const std::string& file,
                                                    const std::string& pointer,
                                                    ResourceFixtureRules rules);

/// The spec's resource of that name, or an error starting with `where` listing the known ones.
const Resource& resource_or_throw(const Operation& op, const std::string& name,
                                  const std::string& where);

/// The spec's name of a state given `state` (empty for resources without states), or an error
/// starting with `where`.
std::string checked_state(const Resource& resource, const std::string& state,
                          const std::string& where, bool state_required = true);

/// The spec's name of a state, given its name or one of its aliases; nullopt when unknown.
std::optional<std::string> canonical_state(const Resource& resource, std::string_view name);

}  // namespace conform::spec
