#pragma once

#include <memory>
#include <string>

#include "core/spec/loader.h"
#include "generators/fixtures.h"
#include "tests/support/test_paths.h"

// The two specs the generator tests run on, with the fixtures a target would provide for them.
namespace conform::gen::testing {

inline std::shared_ptr<const spec::Operation> occupancy_order() {
  static const auto op = spec::load_operation(conform::testing::source_path(
      "specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json"));
  return op;
}

inline std::shared_ptr<const spec::Operation> enable_circuit() {
  static const auto op = spec::load_operation(
      conform::testing::source_path("tests/data/second-operation/EnablePhysicalConnection.json"));
  return op;
}

/// A circuit in every state but Terminated (to see the skip), one of them under its alias.
inline Fixtures occupancy_fixtures() {
  Fixtures f;
  f.resources["region"].ids = {"cn-hangzhou", "cn-shanghai"};
  auto& circuit = f.resources["circuit"];
  for (const char* state : {"Initial", "Approved", "Allocating", "Allocated", "Confirmed",
                            "Enabled", "Rejected", "Canceled", "Terminating", "Complete"}) {
    circuit.by_state[state] = {std::string("pc-") + state};
  }
  circuit.by_state["Complete"].push_back("pc-complete-2");
  circuit.by_state["Allocation Failed"] = {"pc-allocation-failed"};
  return f;
}

inline Fixtures enable_fixtures() {
  Fixtures f;
  f.resources["circuit"].by_state["Confirmed"] = {"pc-confirmed"};
  f.resources["circuit"].by_state["Enabled"] = {"pc-enabled"};
  f.resources["circuit"].unknown = "pc-gone";
  return f;
}

}  // namespace conform::gen::testing
