// A second operation needs only a second spec file: the same loader, rules engine and lint run on
// it with no C++ change. (The spec lives in tests/data so it is not mistaken for a supported API.)
#include <gtest/gtest.h>

#include "core/spec/evaluate.h"
#include "core/spec/lint.h"
#include "core/spec/loader.h"
#include "tests/support/test_paths.h"

namespace conform::spec {
namespace {

using conform::testing::source_path;

TEST(second_operation, loads_with_the_shared_protocol_file) {
  const auto op =
      load_operation(source_path("tests/data/second-operation/EnablePhysicalConnection.json"));
  EXPECT_EQ(op->action, "EnablePhysicalConnection");
  EXPECT_EQ(op->parameters.size(), 3u);
  EXPECT_FALSE(op->effects.has_value());
  EXPECT_EQ(op->protocol.content_types.at("JSON").front().text, "application/json;charset=utf-8");
  EXPECT_EQ(op->find_parameter("Action")->fixed_value, "EnablePhysicalConnection");
}

TEST(second_operation, its_rules_decide_its_answers) {
  const auto op =
      load_operation(source_path("tests/data/second-operation/EnablePhysicalConnection.json"));
  const ExternalCheck enabled_circuit = [](const Rule& r) -> std::optional<std::string> {
    if (r.check == Check::kState)
      return "circuit is Enabled";
    return std::nullopt;
  };
  ParamMap params = {{"RegionId", "cn-hangzhou"}, {"PhysicalConnectionId", "pc-1"}};
  auto breach = first_breach(*op, params, enabled_circuit);
  ASSERT_TRUE(breach);
  EXPECT_EQ(breach->rule->id, "circuit-confirmed");
  EXPECT_EQ(accepted_answers(*op, *breach->rule),
            (std::vector<Answer>{{400, "Forbidden.NotAllowedInState"}}));

  params["ClientToken"] = std::string(65, 'x');
  breach = first_breach(*op, params, enabled_circuit);
  ASSERT_TRUE(breach);
  EXPECT_EQ(breach->rule->id, "token-valid");
  EXPECT_EQ(breach->detail, "ClientToken: longer than 64 characters");
}

TEST(second_operation, lint_names_the_parameter_the_spec_leaves_out) {
  const auto op =
      load_operation(source_path("tests/data/second-operation/EnablePhysicalConnection.json"));
  const auto findings = lint(*op);
  ASSERT_EQ(findings.size(), 2u);
  // No exists rule constrains RegionId here, unlike in the occupancy-order spec.
  EXPECT_EQ(findings[0].check, "unconstrained-parameter");
  EXPECT_EQ(findings[0].pointer, "/parameters/0");
  EXPECT_EQ(findings[1].check, "parameter-left-out");
  EXPECT_EQ(findings[1].message,
            "source sdk documents parameter ByPassSp, which the spec leaves out");
}

}  // namespace
}  // namespace conform::spec
