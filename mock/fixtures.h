#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/model.h"

namespace conform::mock {

/// One thing the mock knows to exist: a resource of the spec (by its spec name), its ID and, for
/// resources with a lifecycle, its state.
struct ResourceRecord {
  std::string resource;
  std::string id;
  std::string state;  // empty for resources without states
};

struct Fixtures {
  std::vector<ResourceRecord> records;
};

struct FixtureError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One record per state of every resource with a lifecycle, and the documented example of every
/// resource without one, so a mock started with no options can answer every precondition.
Fixtures default_fixtures(const spec::Operation& op);

/// Reads {"resources": {"<resource>": [{"id": "...", "state": "..."}]}}; errors name the file,
/// the JSON pointer and what is wrong.
Fixtures load_fixtures(const std::string& path, const spec::Operation& op);

/// Parses a command-line fixture "ID=STATE" (or "ID" for a resource without states).
ResourceRecord parse_resource_flag(const spec::Operation& op, const std::string& resource,
                                   const std::string& text);

/// The spec's name of a state, given its name or one of its aliases; nullopt when unknown.
std::optional<std::string> canonical_state(const spec::Resource& resource, std::string_view name);

}  // namespace conform::mock
