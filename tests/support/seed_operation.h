#pragma once

#include "core/spec/loader.h"
#include "tests/support/test_paths.h"

namespace conform::testing {

/// The operation the project started from, loaded once from its spec in the source tree.
inline const spec::Operation& seed_operation() {
  static const auto loaded = spec::load_operation(
      source_path("specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json"));
  return *loaded;
}

}  // namespace conform::testing
