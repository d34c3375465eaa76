#include <cstdio>

#include "app/commands.h"
#include "app/exit_codes.h"

namespace conform::app {

int run_describe(const Args&) {
  std::fprintf(stderr, "conform describe: not built yet\n");
  return kExitUsage;
}

}  // namespace conform::app
