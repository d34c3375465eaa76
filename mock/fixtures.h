#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/model.h"
#include "core/spec/resource_fixtures.h"

namespace conform::mock {

/// One thing the mock knows to exist: a resource of the spec (by its spec name), its ID and, for
/// resources with a lifecycle, its state.
struct ResourceRecord {
  std::string resource;
  std::string id;
  std::string state;               // empty for resources without states
  std::vector<std::string> fails;  // service rules it fails (a circuit with no pricing plan)
};

/// What a mock starts with (and goes back to on reset): the resources it knows to exist.
struct InitialResources {
  std::vector<ResourceRecord> records;
};

/// One record per state of every resource with a lifecycle, the documented example of every
/// resource without one, and for each service rule about a resource one record that fails it (in
/// a state every state rule accepts), so a mock started with no options can answer every
/// precondition.
InitialResources default_fixtures(const spec::Operation& op);

/// Reads {"resources": {"<resource>": [{"id": "...", "state": "..."}]}} (see
/// core/spec/resource_fixtures.h); throws spec::ResourceFixtureError naming the file, the JSON
/// pointer and what is wrong.
InitialResources load_fixtures(const std::string& path, const spec::Operation& op);

/// Parses a command-line fixture "ID=STATE" (or "ID" for a resource without states).
ResourceRecord parse_resource_flag(const spec::Operation& op, const std::string& resource,
                                   const std::string& text);

}  // namespace conform::mock
