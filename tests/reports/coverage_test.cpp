// What a run exercised, counted from the requests it sent.
#include "reports/coverage.h"

#include <gtest/gtest.h>

#include "core/spec/loader.h"
#include "tests/support/test_paths.h"

namespace conform::report {
namespace {

std::uint64_t count_of(const std::vector<CoverageItem>& items, const std::string& name) {
  for (const auto& i : items) {
    if (i.name == name)
      return i.count;
  }
  ADD_FAILURE() << "no coverage item " << name;
  return 0;
}

TEST(coverage, counts_parameters_values_boundaries_and_outcomes) {
  const auto op = spec::load_operation(conform::testing::source_path(
      "specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json"));
  const std::vector<SentRequest> sent = {
      {{{"RegionId", "cn-hangzhou"}, {"Period", "9"}, {"PricingCycle", "Year"}}, true, ""},
      {{{"Period", "5"}, {"PricingCycle", "Year"}}, true, ""},
      {{{"Period", "1"}}, true, ""},  // PricingCycle defaults to Month
      {{{"Period", "10"}}, false, "period-valid"},
  };
  const auto c = coverage_of(*op, sent);
  EXPECT_EQ(count_of(c.parameters, "Period"), 4u);
  EXPECT_EQ(count_of(c.parameters, "RegionId"), 1u);
  EXPECT_EQ(count_of(c.parameters, "ClientToken"), 0u);
  EXPECT_EQ(count_of(c.enum_values, "PricingCycle=Year"), 2u);
  EXPECT_EQ(count_of(c.enum_values, "PricingCycle=Month"), 0u);
  EXPECT_EQ(count_of(c.boundaries, "Period=9 (max)"), 1u);
  EXPECT_EQ(count_of(c.boundaries, "Period=1 (min)"), 1u);
  EXPECT_EQ(count_of(c.boundaries, "Period=5 (when PricingCycle=Year)"), 1u);
  EXPECT_EQ(count_of(c.boundaries, "Period=1 (when PricingCycle=Month)"), 1u);
  EXPECT_EQ(count_of(c.boundaries, "Period=9 (when PricingCycle=Month)"), 0u);
  EXPECT_EQ(count_of(c.outcomes, "period-invalid"), 1u);
  EXPECT_EQ(count_of(c.outcomes, "circuit-wrong-state"), 0u);
}

}  // namespace
}  // namespace conform::report
