#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "tests/support/test_paths.h"

namespace conform::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs a shell command line and captures its exit code, stdout and stderr.
inline CommandResult run_command(const std::string& command_line) {
  ScratchDir dir("cmd");
  const std::string err_file = dir.path("stderr");
  CommandResult result;
  FILE* pipe = ::popen((command_line + " 2>" + err_file).c_str(), "r");
  if (!pipe)
    return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_text(err_file);
  return result;
}

/// The conform executable built beside the tests, with arguments appended. `run` and `mock` are
/// given the seed operation's spec unless the arguments name one (see seed_operation_path).
inline CommandResult run_conform(std::string args) {
  for (const char* command : {"run", "mock"}) {
    const std::string word = command;
    if (args.rfind(word, 0) == 0 && (args.size() == word.size() || args[word.size()] == ' ') &&
        args.find("--spec") == std::string::npos)
      args.insert(word.size(), " --spec '" + seed_operation_path() + "'");
  }
  return run_command(std::string("'") + CONFORM_BINARY + "' " + args);
}

}  // namespace conform::testing
