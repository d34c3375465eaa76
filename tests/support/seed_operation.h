#pragma once

#include <string>

#include "core/spec/loader.h"
#include "tests/support/test_paths.h"

namespace conform::testing {

/// The operation the project started from, loaded once from its spec in the source tree.
inline const spec::Operation& seed_operation() {
  static const auto loaded = spec::load_operation(seed_operation_path());
  return *loaded;
}

/// The flag that makes `conform run` or `conform mock` work on the seed operation alone, whatever
/// else the default specs directory holds (a whole product has hundreds of operations).
inline std::string seed_operation_flag() {
  return "--operation " + seed_operation().action;
}

/// `args` of a `conform run` or `conform mock` that selects no operation, with the seed
/// operation's flag added; any other command line as it is.
inline std::string with_seed_operation(const std::string& args) {
  const auto space = args.find(' ');
  const std::string command = args.substr(0, space);
  const bool selects =
      args.find("--spec") != std::string::npos || args.find("--operation ") != std::string::npos;
  if ((command != "run" && command != "mock") || selects)
    return args;
  // Where it changes nothing that the arguments may test: last, unless they end with a flag
  // (which may be missing its value), then first; never just before a stray word, which
  // --operation would take as a second name.
  const auto last = args.rfind(' ');
  if (last != std::string::npos && args.compare(last + 1, 1, "-") == 0)
    return command + " " + seed_operation_flag() + args.substr(space);
  return args + " " + seed_operation_flag();
}

}  // namespace conform::testing
