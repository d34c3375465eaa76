#include <cstdio>

#include "app/commands.h"
#include "app/exit_codes.h"

namespace conform::app {

int run_lint(const Args&) {
  std::fprintf(stderr, "conform lint: not built yet\n");
  return kExitUsage;
}

}  // namespace conform::app
