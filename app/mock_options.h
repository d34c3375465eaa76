#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/cli_parse.h"
#include "app/command.h"
#include "core/spec/model.h"
#include "mock/http/server_options.h"
#include "mock/service.h"

namespace conform::app {

/// What `conform mock` was asked to do, from its flags.
struct MockOptions {
  std::string spec_path;
  std::string spec_dir;
  std::vector<std::string> operations;
  mock::ServiceOptions service;
  mock::http::ServerOptions server;
  std::vector<std::string> faults;
  std::vector<std::string> key_flags;
  std::string fixtures_path;
  // The resource flags (--<resource> ID[=STATE]) depend on the spec, so they wait here until
  // read_resource_flags has it.
  cli::Leftovers resource_flags;
};

/// Reads the flags of `conform mock` into `options`. Returns how the command ends when parsing
/// ends it: after --help (printed here), or with a usage error to print; nullopt to go on.
std::optional<cli::Parsed> parse_mock_options(const Args& args, MockOptions& options);

/// The resource flags as (resource, "ID[=STATE]") pairs, each naming a resource of the spec; the
/// resource flags' text is checked later, where fixtures are read. A flag that names no resource
/// is a usage error, in `error`.
struct ResourceFlags {
  std::vector<std::pair<std::string, std::string>> flags;
  std::optional<std::string> error;
};
ResourceFlags read_resource_flags(const MockOptions& options, const spec::Operation& op);

}  // namespace conform::app
