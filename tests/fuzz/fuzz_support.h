#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "core/spec/loader.h"
#include "tests/support/test_paths.h"

namespace conform::fuzz {

inline constexpr const char* kOperationSpec =
    "specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json";
inline constexpr const char* kCommonSpec = "specs/common/alibaba-rpc.json";

/// The real operation, loaded once per process: loading it per input would dominate each run.
inline std::shared_ptr<const spec::Operation> real_operation() {
  static const auto op = spec::load_operation(conform::testing::source_path(kOperationSpec));
  return op;
}

/// A broken property: say which, then abort so libFuzzer keeps the input as a crash.
[[noreturn]] inline void property_failed(const char* what) {
  std::fprintf(stderr, "fuzz property failed: %s\n", what);
  std::abort();
}

inline void require(bool holds, const char* what) {
  if (!holds)
    property_failed(what);
}

}  // namespace conform::fuzz
