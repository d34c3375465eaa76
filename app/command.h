#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace conform::app {

using Args = std::vector<std::string>;

/// A subcommand of the `conform` executable. `run` receives the arguments after the command name
/// and returns one of the exit codes in exit_codes.h.
struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(const Args& args);
};

}  // namespace conform::app
