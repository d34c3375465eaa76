// Facts about the operation's contract that every later stage relies on; if the spec file drifts
// from the published contract, these name the drift.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/spec/evaluate.h"
#include "core/spec/loader.h"
#include "tests/support/shared_documents.h"
#include "tests/support/test_paths.h"

namespace conform::spec {
namespace {

using conform::testing::source_path;

const Operation& op() {
  static const auto loaded = load_operation(
      source_path("specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json"));
  return *loaded;
}

const Rule& rule(std::string_view id) {
  for (const auto& r : op().rules) {
    if (r.id == id)
      return r;
  }
  throw std::runtime_error("no rule " + std::string(id));
}

std::vector<Answer> answers(std::string_view rule_id) {
  return accepted_answers(op(), rule(rule_id));
}

TEST(operation_spec, identity) {
  EXPECT_EQ(op().product, "Vpc");
  EXPECT_EQ(op().version, "2016-04-28");
  EXPECT_EQ(op().action, "CreatePhysicalConnectionOccupancyOrder");
  EXPECT_EQ(op().response.xml_root, "CreatePhysicalConnectionOccupancyOrderResponse");
  EXPECT_EQ(op().sha256.size(), 64u);
}

TEST(operation_spec, every_seed_and_metadata_parameter_is_present) {
  for (const char* name :
       {"RegionId", "PhysicalConnectionId", "Period", "InstanceChargeType", "AutoPay",
        "PricingCycle", "ClientToken", "AutoRenew", "AutoRenewDuration", "OwnerId", "OwnerAccount",
        "ResourceOwnerId", "ResourceOwnerAccount"}) {
    const auto* p = op().find_parameter(name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_FALSE(p->common) << name;
    EXPECT_FALSE(p->sources.empty()) << name;
  }
  EXPECT_TRUE(op().find_parameter("OwnerId")->hidden);
  EXPECT_TRUE(op().find_parameter("Action")->common);
  EXPECT_EQ(op().find_parameter("Action")->fixed_value, op().action);
  EXPECT_EQ(op().find_parameter("Version")->fixed_value, op().version);
}

TEST(operation_spec, period_range_depends_on_pricing_cycle) {
  const auto& period = *op().find_parameter("Period");
  auto violation = [&](const char* value, ParamMap params) {
    return value_violation(op(), period, value, params).has_value();
  };
  EXPECT_FALSE(violation("9", {{"PricingCycle", "Month"}}));
  EXPECT_TRUE(violation("10", {{"PricingCycle", "Month"}}));
  EXPECT_FALSE(violation("5", {{"PricingCycle", "Year"}}));
  EXPECT_TRUE(violation("6", {{"PricingCycle", "Year"}}));
  EXPECT_TRUE(violation("0", {{"PricingCycle", "Year"}}));
  // Without PricingCycle its documented default (Month) applies.
  EXPECT_FALSE(violation("9", {}));
  EXPECT_TRUE(violation("10", {}));
  EXPECT_EQ(*value_violation(op(), period, "6", {{"PricingCycle", "Year"}}),
            "6 is outside 1..5 when PricingCycle is Year");
  EXPECT_EQ(*value_violation(op(), period, "x", {}), "\"x\" is not an integer in the int32 range");
}

TEST(operation_spec, outcomes_carry_the_contracts_alternatives) {
  EXPECT_EQ(answers("period-valid"),
            (std::vector<Answer>{{400, "InvalidPhysicalConnectionPeriod.Malformed"},
                                 {400, "nvalidPhysicalConnectionPeriod.Malformed"}}));
  EXPECT_EQ(answers("circuit-exists"),
            (std::vector<Answer>{{404, "InvalidPhysicalConnectionId.NotFound"},
                                 {400, "Abs.InstanceNotExist"}}));
  EXPECT_EQ(answers("region-present"),
            (std::vector<Answer>{{400, "MissingParameter"}, {400, "MissingRegionId"}}));
  const auto wrong_state = answers("circuit-complete");
  EXPECT_EQ(wrong_state.size(), 4u);
  EXPECT_EQ(rule("circuit-complete").states, std::vector<std::string>{"Complete"});
}

TEST(operation_spec, every_documented_error_code_is_reachable) {
  for (const char* code :
       {"IAbs.InvalidStatus.ValueNotSupported", "InvalidPrice.NotFound",
        "InvalidPhysicalConnectionChargeType.Malformed", "nvalidPhysicalConnectionPeriod.Malformed",
        "InvalidPhysicalConnectionPeriod.Malformed", "Forbidden.NotAllowedInState",
        "INSTANCE.STATUS.NOT.ALLOW", "Abs.InstanceNotExist", "InvalidPhysicalConnectionId.NotFound",
        "InvalidPhysicalConnectionPricingCycle.Malformed", "InvalidRegionId.NotFound",
        "IncorrectStatus.PhysicalConnection"}) {
    bool reachable = false;
    for (const auto& r : op().rules) {
      for (const auto& a : accepted_answers(op(), r))
        reachable |= a.code == code;
    }
    EXPECT_TRUE(reachable) << code;
  }
}

TEST(operation_spec, circuit_lifecycle_has_every_status_and_complete) {
  const auto* circuit = op().find_resource("circuit");
  ASSERT_NE(circuit, nullptr);
  std::vector<std::string> names;
  for (const auto& s : circuit->states)
    names.push_back(s.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"Initial", "Approved", "Allocating", "Allocated", "Confirmed",
                                      "Enabled", "Rejected", "Canceled", "AllocationFailed",
                                      "Terminating", "Terminated", "Complete"}));
}

TEST(operation_spec, billing_and_idempotency_are_data) {
  ASSERT_TRUE(op().effects);
  EXPECT_TRUE(op().effects->billable);
  EXPECT_EQ(op().effects->charge_parameter, "AutoPay");
  EXPECT_EQ(op().effects->safe_value, "false");
  ASSERT_TRUE(op().idempotency);
  EXPECT_EQ(op().idempotency->token, "ClientToken");
  ASSERT_TRUE(op().idempotency->different_request);
  EXPECT_FALSE(op().outcomes[*op().idempotency->different_request].settled);
  ASSERT_TRUE(op().quota);
  EXPECT_EQ(op().quota->requests, 300);
  EXPECT_EQ(op().quota->per_seconds, 60);
}

TEST(operation_spec, protocol_rules_come_before_parameter_rules) {
  bool seen_parameter_rule = false;
  for (const auto& r : op().rules) {
    if (!r.is_protocol())
      seen_parameter_rule = true;
    if (r.is_protocol() && r.check != Check::kService) {
      EXPECT_FALSE(seen_parameter_rule) << r.id << " follows a parameter rule";
    }
  }
  EXPECT_EQ(op().rules.front().check, Check::kActionPresent);
}

TEST(first_breach, applies_rules_in_spec_order) {
  const ExternalCheck all_hold = [](const Rule&) { return std::nullopt; };
  ParamMap valid = {{"RegionId", "cn-hangzhou"}, {"PhysicalConnectionId", "pc-1"}, {"Period", "3"}};
  EXPECT_FALSE(first_breach(op(), valid, all_hold));

  ParamMap two_faults = {{"PhysicalConnectionId", "pc-1"}, {"Period", "99"}};
  const auto breach = first_breach(op(), two_faults, all_hold);
  ASSERT_TRUE(breach);
  EXPECT_EQ(breach->rule->id, "region-present");
  EXPECT_EQ(breach->detail, "RegionId is missing");

  ParamMap bad_cycle = {
      {"RegionId", "r"}, {"PhysicalConnectionId", "p"}, {"PricingCycle", "Week"}, {"Period", "99"}};
  EXPECT_EQ(first_breach(op(), bad_cycle, all_hold)->rule->id, "pricing-cycle-valid");
}

TEST(first_breach, asks_external_checks_for_what_the_model_cannot_know) {
  std::vector<std::string> asked;
  const ExternalCheck circuit_missing = [&](const Rule& r) -> std::optional<std::string> {
    asked.push_back(r.id);
    if (r.id == "circuit-exists")
      return "no circuit pc-x";
    return std::nullopt;
  };
  ParamMap params = {{"RegionId", "cn-hangzhou"}, {"PhysicalConnectionId", "pc-x"}};
  const auto breach = first_breach(op(), params, circuit_missing);
  ASSERT_TRUE(breach);
  EXPECT_EQ(breach->rule->id, "circuit-exists");
  EXPECT_EQ(breach->detail, "no circuit pc-x");
  EXPECT_EQ(asked.front(), "action-present");
  EXPECT_EQ(asked.back(), "circuit-exists");
}

TEST(answer_matches, open_template_matches_any_parameter_name) {
  EXPECT_TRUE(answer_matches({400, "Missing{param}"}, {400, "MissingSignatureNonce"}));
  EXPECT_FALSE(answer_matches({400, "Missing{param}"}, {400, "Missing"}));
  EXPECT_FALSE(answer_matches({400, "Missing{param}"}, {404, "MissingSignature"}));
  EXPECT_FALSE(answer_matches({400, "Missing{param}"}, {400, "Missing.Thing"}));
  EXPECT_TRUE(answer_matches({404, "A.B"}, {404, "A.B"}));
  EXPECT_FALSE(answer_matches({404, "A.B"}, {400, "A.B"}));
}

TEST(values, integers_and_booleans_read_as_the_service_reads_them) {
  EXPECT_EQ(parse_integer("01", IntegerFormat::kInt32), 1);
  EXPECT_EQ(parse_integer("+7", IntegerFormat::kInt32), 7);
  EXPECT_EQ(parse_integer("-7", IntegerFormat::kInt64), -7);
  EXPECT_FALSE(parse_integer("2147483648", IntegerFormat::kInt32));
  EXPECT_EQ(parse_integer("2147483648", IntegerFormat::kInt64), 2147483648LL);
  EXPECT_FALSE(parse_integer("9223372036854775808", IntegerFormat::kInt64));
  for (const char* bad : {"", "+", "-", "1.0", "1e3", " 1", "1 ", "0x1", "++1", "١"}) {
    EXPECT_FALSE(parse_integer(bad, IntegerFormat::kInt64)) << bad;
  }
  EXPECT_EQ(parse_boolean("TRUE"), true);
  EXPECT_EQ(parse_boolean("false"), false);
  EXPECT_FALSE(parse_boolean("1"));
  EXPECT_FALSE(parse_boolean("yes"));
}

// The audit of what the sources settle, written out: every other outcome settles its answer.
TEST(operation_spec, outcomes_settle_what_their_sources_say) {
  std::set<std::string> rejection_only, open;
  for (const auto& o : op().outcomes) {
    if (!o.settled && o.rejection_settled)
      rejection_only.insert(o.id);
    if (!o.rejection_settled)
      open.insert(o.id);
    EXPECT_TRUE(o.rejection_settled || !o.settled) << o.id;
  }
  EXPECT_EQ(rejection_only,
            (std::set<std::string>{"action-missing", "invalid-parameter",
                                   "signing-value-unsupported", "version-unknown"}));
  EXPECT_EQ(open, (std::set<std::string>{"security-token-invalid", "internal-error",
                                         "idempotent-mismatch"}));
  EXPECT_EQ(op().outcomes.size(), 24u);
}

// A settled outcome names the words that settle it, verbatim up to whitespace, in the document its
// source's ref names. The documents sit beside the project (../shared), not in it.
TEST(operation_spec, settled_outcomes_quote_their_sources_verbatim) {
  const auto shared = conform::testing::shared_documents().parent_path();
  if (!std::filesystem::is_directory(shared / "shared"))
    GTEST_SKIP() << "the documents are not beside the project at " << shared;
  const auto collapse = conform::testing::collapse_whitespace;
  for (const auto& o : op().outcomes) {
    if (o.rejection_settled) {
      EXPECT_FALSE(o.settled_by.empty()) << o.id << " is settled by no sentence";
    }
    for (const auto& s : o.settled_by) {
      const auto& ref = op().sources.at(s.source).ref;
      ASSERT_TRUE(ref.starts_with("shared/"))
          << o.id << ": " << s.source << " is not beside the project";
      const auto text =
          collapse(conform::testing::read_text((shared / ref.substr(0, ref.find('#'))).string()));
      EXPECT_NE(text.find(collapse(s.quote)), std::string::npos)
          << o.id << ": " << ref << " does not say \"" << s.quote << "\"";
    }
  }
}

}  // namespace
}  // namespace conform::spec
