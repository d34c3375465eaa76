#include "core/spec/lint.h"

#include <gtest/gtest.h>

#include "core/spec/loader.h"
#include "tests/support/test_paths.h"

namespace conform::spec {
namespace {

using conform::testing::source_path;

// The seed's real defects are found, and nothing else is reported about the published contract.
TEST(lint, reports_the_seeds_real_defects) {
  const auto op = load_operation(
      source_path("specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json"));
  std::vector<std::string> summary;
  for (const auto& f : lint(*op))
    summary.push_back(f.check + " " + f.pointer);
  EXPECT_EQ(summary, (std::vector<std::string>{
                         "near-duplicate-code /errors/3",
                         "description-names-unknown-parameter /errors/1/description",
                         "shared-message /errors/3",
                         "unconstrained-parameter /parameters/6",
                         "unconstrained-parameter /parameters/10",
                         "unconstrained-parameter /parameters/12",
                     }));
  const auto findings = lint(*op);
  EXPECT_NE(findings[0].message.find("\"nvalidPhysicalConnectionPeriod.Malformed\""),
            std::string::npos);
  EXPECT_NE(findings[0].evidence[0].find("listed by seed; absent from api-docs, api-docs-2024"),
            std::string::npos)
      << findings[0].evidence[0];
  EXPECT_NE(findings[1].message.find("parameter Price"), std::string::npos);
}

}  // namespace
}  // namespace conform::spec
