// The constraint queries, against the real spec's Period (a range narrowed under PricingCycle,
// whose default is Month) and a hand-built parameter with a conditional enum and lengths. Every
// expected value is typed from the spec file, not recomputed.
#include "core/spec/constraints.h"

#include <gtest/gtest.h>

#include <limits>

#include "core/spec/loader.h"
#include "tests/support/seed_operation.h"
#include "tests/support/test_paths.h"

namespace conform::spec {
namespace {

const Operation& op() {
  return conform::testing::seed_operation();
}

const Parameter& param(std::string_view name) {
  const auto* p = op().find_parameter(name);
  if (!p)
    throw std::runtime_error("no parameter " + std::string(name));
  return *p;
}

// A string parameter "Tier" whose values narrow when "Plan" is "basic": one of gold|silver|bronze,
// only silver|bronze under basic, 2 to 8 characters long. "Plan" has no default.
Operation tiered() {
  Operation o;
  Parameter plan;
  plan.name = "Plan";
  plan.enum_values = {"basic", "pro"};
  Parameter tier;
  tier.name = "Tier";
  tier.enum_values = {"gold", "silver", "bronze"};
  tier.min_length = 2;
  tier.max_length = 8;
  ConditionalConstraint basic;
  basic.when = {"Plan", "basic"};
  basic.enum_values = {"bronze", "silver", "copper"};
  tier.conditional.push_back(basic);
  o.parameters = {plan, tier};
  return o;
}

TEST(constraints, range_in_a_context) {
  EXPECT_EQ(integer_range(op(), param("Period"), {{"PricingCycle", "Year"}}), (IntegerRange{1, 5}));
  EXPECT_EQ(integer_range(op(), param("Period"), {{"PricingCycle", "Month"}}),
            (IntegerRange{1, 9}));
  // Nothing sent: PricingCycle's default (Month) decides.
  EXPECT_EQ(integer_range(op(), param("Period"), {}), (IntegerRange{1, 9}));
  // A value no condition names leaves the own range.
  EXPECT_EQ(integer_range(op(), param("Period"), {{"PricingCycle", "Week"}}), (IntegerRange{1, 9}));
}

TEST(constraints, range_includes_the_format) {
  EXPECT_EQ(integer_range(op(), param("OwnerId"), {}),
            (IntegerRange{std::numeric_limits<std::int64_t>::min(),
                          std::numeric_limits<std::int64_t>::max()}));
  EXPECT_EQ(integer_range(op(), param("AutoRenewDuration"), {}), (IntegerRange{0, 2147483647}));
  EXPECT_EQ(integer_range(op(), param("PricingCycle"), {}), std::nullopt);
}

TEST(constraints, an_empty_range_is_none) {
  Operation o = tiered();
  Parameter n;
  n.name = "N";
  n.type = ValueType::kInteger;
  n.minimum = 3;
  ConditionalConstraint c;
  c.when = {"Plan", "basic"};
  c.maximum = 2;
  n.conditional.push_back(c);
  EXPECT_EQ(integer_range(o, n, {{"Plan", "basic"}}), std::nullopt);
  EXPECT_EQ(integer_range(o, n, {{"Plan", "pro"}}),
            (IntegerRange{3, std::numeric_limits<std::int64_t>::max()}));
}

TEST(constraints, range_in_any_context) {
  EXPECT_EQ(integer_range_in_any_context(op(), param("Period")), (IntegerRange{1, 9}));
  EXPECT_EQ(integer_range_in_any_context(op(), param("PricingCycle")), std::nullopt);
}

TEST(constraints, conditions) {
  const auto conditions = conditions_of(param("Period"));
  ASSERT_EQ(conditions.size(), 2u);
  EXPECT_EQ(conditions[0].param, "PricingCycle");
  EXPECT_EQ(conditions[0].equals, "Month");
  EXPECT_EQ(conditions[1].param, "PricingCycle");
  EXPECT_EQ(conditions[1].equals, "Year");
  EXPECT_TRUE(conditions_of(param("PricingCycle")).empty());
  EXPECT_TRUE(condition_holds(op(), {"PricingCycle", "Month"}, {}));
  EXPECT_FALSE(condition_holds(op(), {"PricingCycle", "Year"}, {}));
  EXPECT_TRUE(condition_holds(op(), {"PricingCycle", "Year"}, {{"PricingCycle", "Year"}}));
}

TEST(constraints, boundaries_in_any_context) {
  const std::vector<Boundary> expected = {
      {1, Boundary::End::kMinimum, std::nullopt},
      {9, Boundary::End::kMaximum, std::nullopt},
      {1, Boundary::End::kMinimum, Condition{"PricingCycle", "Month"}},
      {9, Boundary::End::kMaximum, Condition{"PricingCycle", "Month"}},
      {1, Boundary::End::kMinimum, Condition{"PricingCycle", "Year"}},
      {5, Boundary::End::kMaximum, Condition{"PricingCycle", "Year"}},
  };
  EXPECT_EQ(boundaries(param("Period")), expected);
  EXPECT_TRUE(boundaries(param("OwnerId")).empty());
}

TEST(constraints, boundaries_in_a_context) {
  const std::vector<Boundary> year = {
      {1, Boundary::End::kMinimum, std::nullopt},
      {9, Boundary::End::kMaximum, std::nullopt},
      {1, Boundary::End::kMinimum, Condition{"PricingCycle", "Year"}},
      {5, Boundary::End::kMaximum, Condition{"PricingCycle", "Year"}},
  };
  EXPECT_EQ(boundaries(op(), param("Period"), {{"PricingCycle", "Year"}}), year);
  const std::vector<Boundary> by_default = {
      {1, Boundary::End::kMinimum, std::nullopt},
      {9, Boundary::End::kMaximum, std::nullopt},
      {1, Boundary::End::kMinimum, Condition{"PricingCycle", "Month"}},
      {9, Boundary::End::kMaximum, Condition{"PricingCycle", "Month"}},
  };
  EXPECT_EQ(boundaries(op(), param("Period"), {}), by_default);
}

TEST(constraints, allowed_values) {
  const Operation o = tiered();
  const Parameter& tier = o.parameters[1];
  EXPECT_EQ(allowed_values(o, tier, {}), (std::vector<std::string>{"gold", "silver", "bronze"}));
  EXPECT_EQ(allowed_values(o, tier, {{"Plan", "pro"}}),
            (std::vector<std::string>{"gold", "silver", "bronze"}));
  EXPECT_EQ(allowed_values(o, tier, {{"Plan", "basic"}}),
            (std::vector<std::string>{"silver", "bronze"}));
  EXPECT_EQ(allowed_values_in_any_context(tier),
            (std::vector<std::string>{"gold", "silver", "bronze"}));
  EXPECT_EQ(allowed_values(op(), param("PricingCycle"), {}),
            (std::vector<std::string>{"Month", "Year"}));
  EXPECT_TRUE(allowed_values(op(), param("ClientToken"), {}).empty());
}

TEST(constraints, a_conditional_enum_without_an_own_enum_restricts_only_under_its_condition) {
  Operation o = tiered();
  Parameter& tier = o.parameters[1];
  tier.enum_values.clear();
  EXPECT_TRUE(allowed_values(o, tier, {}).empty());
  EXPECT_EQ(allowed_values(o, tier, {{"Plan", "basic"}}),
            (std::vector<std::string>{"bronze", "silver", "copper"}));
  EXPECT_TRUE(allowed_values_in_any_context(tier).empty());
}

TEST(constraints, length_limits) {
  const Operation o = tiered();
  const auto tier = length_limits(o.parameters[1]);
  EXPECT_EQ(tier.min, 2u);
  EXPECT_EQ(tier.max, 8u);
  const auto token = length_limits(param("ClientToken"));
  EXPECT_EQ(token.min, std::nullopt);
  EXPECT_EQ(token.max, std::nullopt);
}

TEST(constraints, conservative_limits_add_the_convention) {
  // The spec's ClientToken: no declared limit, the product's convention of ASCII and 64.
  const auto token = conservative_limits(param("ClientToken"));
  EXPECT_EQ(token.min_length, std::nullopt);
  EXPECT_EQ(token.max_length, 64u);
  EXPECT_TRUE(token.ascii_only);
  EXPECT_TRUE(within_conservative_limits(param("ClientToken"), std::string(64, 'x')));
  EXPECT_FALSE(within_conservative_limits(param("ClientToken"), std::string(65, 'x')));
  EXPECT_TRUE(within_conservative_limits(param("ClientToken"), "a b~*"));
  EXPECT_FALSE(within_conservative_limits(param("ClientToken"), "\xF0\x9F\x98\x80"));
  EXPECT_FALSE(within_conservative_limits(param("ClientToken"), "tab\there"));
  // A declared limit narrower than the convention wins; lengths count code points.
  Parameter narrow = param("ClientToken");
  narrow.max_length = 10;
  narrow.min_length = 2;
  EXPECT_EQ(conservative_limits(narrow).max_length, 10u);
  EXPECT_FALSE(within_conservative_limits(narrow, "a"));
  narrow.convention.reset();
  EXPECT_FALSE(conservative_limits(narrow).ascii_only);
  EXPECT_TRUE(within_conservative_limits(narrow, "\xE4\xB8\xAD\xE6\x96\x87"));
  // Without a convention the declared limits alone.
  const auto tier = conservative_limits(tiered().parameters[1]);
  EXPECT_EQ(tier.min_length, 2u);
  EXPECT_EQ(tier.max_length, 8u);
  EXPECT_FALSE(tier.ascii_only);
}

TEST(constraints, declared_constraints_as_written) {
  const auto period = declared_constraints(param("Period"));
  ASSERT_EQ(period.size(), 3u);
  EXPECT_FALSE(period[0].when);
  EXPECT_EQ(period[0].minimum, 1);
  EXPECT_EQ(period[0].maximum, 9);
  ASSERT_TRUE(period[2].when);
  EXPECT_EQ(period[2].when->equals, "Year");
  EXPECT_EQ(period[2].minimum, 1);
  EXPECT_EQ(period[2].maximum, 5);
  const auto tier = declared_constraints(tiered().parameters[1]);
  ASSERT_EQ(tier.size(), 2u);
  EXPECT_EQ(tier[1].enum_values, (std::vector<std::string>{"bronze", "silver", "copper"}));
}

}  // namespace
}  // namespace conform::spec
