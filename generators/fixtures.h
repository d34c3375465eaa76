#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/model.h"

// What the target endpoint provides for the generated cases to refer to: existing resources, by
// lifecycle state where the resource has states. Only the target knows these (a mock makes them, a
// real account lists them), so they are an input, never read from the spec.
namespace conform::gen {

struct ResourceFixture {
  std::map<std::string, std::vector<std::string>> by_state;  // state name (or alias) -> ids
  std::vector<std::string> ids;  // existing ids whose state is not known or does not matter
  std::string unknown;           // an id guaranteed not to exist; empty: derive one
  // Ids that exist but fail a service rule (rule id -> ids): only the case breaking that rule
  // sends them, so they are in neither by_state nor ids.
  std::map<std::string, std::vector<std::string>> failing;
};

struct Fixtures {
  std::map<std::string, ResourceFixture> resources;  // by resource name of the spec
  // Values for parameters no rule ties to a resource but a real endpoint still checks (a region
  // where the spec has no region resource); used instead of the spec's example.
  std::map<std::string, std::string> values;
};

/// Every existing id of a resource, from every state, but those that fail a service rule.
std::vector<std::string> existing_ids(const Fixtures& fixtures, std::string_view resource);

/// The existing ids in a state of the resource; aliases of the state count as the state.
std::vector<std::string> ids_in_state(const spec::Operation& op, const Fixtures& fixtures,
                                      std::string_view resource, std::string_view state);

/// The canonical state of an id (an alias maps to its state), nullopt when unknown.
std::optional<std::string> state_of(const spec::Operation& op, const Fixtures& fixtures,
                                    std::string_view resource, std::string_view id);

/// Whether the id exists, failing a service rule or not.
bool exists(const Fixtures& fixtures, std::string_view resource, std::string_view id);

/// The ids of the resource that fail the service rule `rule_id`.
std::vector<std::string> ids_failing(const Fixtures& fixtures, std::string_view resource,
                                     std::string_view rule_id);

/// An id of the resource that the fixtures guarantee does not exist: the given one, else one made
/// from the spec's example (or the resource name) that no existing id equals.
std::string unknown_id(const spec::Operation& op, const Fixtures& fixtures,
                       std::string_view resource);

}  // namespace conform::gen
