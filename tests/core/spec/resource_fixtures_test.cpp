// The one reader of the resource-fixture format, shared by mock fixture files and target files.
#include "core/spec/resource_fixtures.h"

#include <gtest/gtest.h>

#include "core/spec/loader.h"
#include "tests/support/seed_operation.h"
#include "tests/support/test_paths.h"

namespace conform::spec {
namespace {

const Operation& op() {
  return conform::testing::seed_operation();
}

std::string error_of(const char* resources, ResourceFixtureRules rules) {
  try {
    read_resource_fixtures(nlohmann::json::parse(resources), op(), "f.json", "/resources", rules);
  } catch (const ResourceFixtureError& e) {
    return e.what();
  }
  return "";
}

TEST(resource_fixtures, reads_records_and_names_states_by_the_spec) {
  const auto records = read_resource_fixtures(
      nlohmann::json::parse(
          R"({"circuit": [{"id": "pc-1", "state": "Allocation Failed"}, {"id": "pc-2", "state": "other"}],
              "region": [{"id": "cn-hangzhou"}]})"),
      op(), "f.json", "/resources", {.other_state_allowed = true, .state_required = false});
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].resource, "circuit");
  EXPECT_EQ(records[0].state, "AllocationFailed");  // the alias becomes the spec's name
  EXPECT_FALSE(records[0].other_state);
  EXPECT_TRUE(records[1].other_state);
  EXPECT_EQ(records[1].state, "");
  EXPECT_EQ(records[2].id, "cn-hangzhou");
}

TEST(resource_fixtures, errors_name_the_file_and_the_pointer) {
  const ResourceFixtureRules mock{.other_state_allowed = false, .state_required = true};
  EXPECT_EQ(error_of(R"({"circuit": [{"id": "pc-1", "state": "other"}]})", mock),
            "f.json:/resources/circuit/0: circuit has no state \"other\" (states: Initial, "
            "Approved, Allocating, Allocated, Confirmed, Enabled, Rejected, Canceled, "
            "AllocationFailed, Terminating, Terminated, Complete)");
  EXPECT_EQ(error_of(R"({"circuit": [{"id": "pc-1"}]})", mock),
            "f.json:/resources/circuit/0: circuit needs a state");
  EXPECT_EQ(error_of(R"({"circuit": [{"id": "pc-1"}, {"id": ""}]})", {}),
            "f.json:/resources/circuit/1: expected {\"id\": \"...\", \"state\": \"...\"} with a "
            "non-empty id");
  EXPECT_EQ(error_of(R"({"galaxy": []})", {}),
            "f.json:/resources/galaxy: unknown resource \"galaxy\" (the spec has: circuit, "
            "region)");
  EXPECT_EQ(error_of(R"({"circuit": {}})", {}),
            "f.json:/resources/circuit: expected an array of records");
  EXPECT_EQ(error_of(R"([])", {}), "f.json:/resources: expected an object of resource lists");
}

}  // namespace
}  // namespace conform::spec
