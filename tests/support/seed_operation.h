#pragma once

#include "core/spec/loader.h"
#include "tests/support/test_paths.h"

namespace conform::testing {

/// The operation the project started from, loaded once from its spec in the source tree.
inline const spec::Operation& seed_operation() {
  static const auto loaded = spec::load_operation(seed_operation_path());
  return *loaded;
}

}  // namespace conform::testing
