// The deterministic enumerations: every case is what it claims on the wire, and together they
// cover the spec (every enum value, every boundary, every rule, every envelope).
#include "generators/systematic.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "core/spec/evaluate.h"
#include "generators/envelope.h"
#include "generators/oracle.h"
#include "generators/values.h"
#include "tests/generators/test_specs.h"

namespace conform::gen {
namespace {

using testing::enable_circuit;
using testing::enable_fixtures;
using testing::occupancy_fixtures;
using testing::occupancy_order;

const CaseSet& occupancy_cases() {
  static const CaseSet set = all_cases(*occupancy_order(), occupancy_fixtures());
  return set;
}

std::vector<Case> of_kind(const CaseSet& set, CaseKind kind) {
  std::vector<Case> out;
  std::copy_if(set.cases.begin(), set.cases.end(), std::back_inserter(out),
               [&](const Case& c) { return c.kind == kind; });
  return out;
}

std::optional<std::string> value_of(const Case& c, std::string_view name) {
  for (const auto& p : c.params) {
    if (p.name == name)
      return p.value;
  }
  return std::nullopt;
}

bool has_case(const std::vector<Case>& cases, std::string_view name, std::string_view value,
              std::string_view cond = {}, std::string_view cond_value = {}) {
  return std::any_of(cases.begin(), cases.end(), [&](const Case& c) {
    if (value_of(c, name) != value)
      return false;
    if (cond.empty())
      return true;
    const auto v = spec::effective_value(*occupancy_order(), param_map(c.params), cond);
    return v == cond_value;
  });
}

void expect_every_valid_case_passes(const spec::Operation& op, const Fixtures& f,
                                    const std::vector<Case>& valid) {
  ASSERT_FALSE(valid.empty());
  for (const auto& c : valid) {
    const auto breach = first_breach(op, f, c);
    EXPECT_FALSE(breach) << describe(c) << ": " << (breach ? breach->detail : "");
    EXPECT_TRUE(c.rule_id.empty() && c.accepted.empty()) << describe(c);
  }
}

void expect_every_invalid_case_breaks_its_rule(const spec::Operation& op, const Fixtures& f,
                                               const std::vector<Case>& invalid) {
  ASSERT_FALSE(invalid.empty());
  for (const auto& c : invalid) {
    const auto breach = first_breach(op, f, c);
    ASSERT_TRUE(breach) << describe(c);
    EXPECT_EQ(breach->rule->id, c.rule_id) << describe(c);
    EXPECT_FALSE(c.accepted.empty()) << describe(c);
    EXPECT_EQ(c.accepted, spec::accepted_answers(op, *breach->rule)) << describe(c);
    EXPECT_EQ(c.settled, op.outcome_of(*breach->rule).settled) << describe(c);
  }
}

void expect_every_rule_covered(const spec::Operation& op, const CaseSet& set) {
  for (const auto& rule : op.rules) {
    const bool has_case = std::any_of(set.cases.begin(), set.cases.end(), [&](const Case& c) {
      return c.kind == CaseKind::kInvalid && c.rule_id == rule.id;
    });
    const bool has_skip = std::any_of(set.skipped.begin(), set.skipped.end(),
                                      [&](const Skip& s) { return s.what == rule.id; });
    EXPECT_TRUE(has_case || has_skip) << rule.id;
  }
}

TEST(systematic_cases, every_valid_case_passes_every_rule) {
  expect_every_valid_case_passes(*occupancy_order(), occupancy_fixtures(),
                                 of_kind(occupancy_cases(), CaseKind::kValid));
}

TEST(systematic_cases, every_invalid_case_breaks_its_declared_rule_first) {
  expect_every_invalid_case_breaks_its_rule(*occupancy_order(), occupancy_fixtures(),
                                            of_kind(occupancy_cases(), CaseKind::kInvalid));
}

TEST(systematic_cases, every_rule_has_an_invalid_case_or_a_reason) {
  expect_every_rule_covered(*occupancy_order(), occupancy_cases());
  // Rules no request can break say why.
  const std::set<std::string> expected_skips = {"security-token-valid", "within-quota",
                                                "service-healthy", "pricing-available"};
  for (const auto& id : expected_skips) {
    EXPECT_TRUE(std::any_of(occupancy_cases().skipped.begin(), occupancy_cases().skipped.end(),
                            [&](const Skip& s) { return s.what == id; }))
        << id;
  }
}

TEST(systematic_cases, every_enum_value_appears_in_a_valid_case) {
  const auto valid = of_kind(occupancy_cases(), CaseKind::kValid);
  for (const auto& p : occupancy_order()->parameters) {
    for (const auto& v : p.enum_values)
      EXPECT_TRUE(has_case(valid, p.name, v)) << p.name << "=" << v;
  }
  for (const char* v : {"Month", "Year"})
    EXPECT_TRUE(has_case(valid, "PricingCycle", v));
  EXPECT_TRUE(has_case(valid, "InstanceChargeType", "PrePaid"));
  EXPECT_TRUE(has_case(valid, "AutoPay", "true"));
  EXPECT_TRUE(has_case(valid, "AutoPay", "false"));
}

TEST(systematic_cases, every_boundary_appears_under_its_condition) {
  const auto valid = of_kind(occupancy_cases(), CaseKind::kValid);
  for (const auto& p : occupancy_order()->parameters) {
    if (p.minimum) {
      EXPECT_TRUE(has_case(valid, p.name, std::to_string(*p.minimum))) << p.name;
    }
    if (p.maximum) {
      EXPECT_TRUE(has_case(valid, p.name, std::to_string(*p.maximum))) << p.name;
    }
    for (const auto& c : p.conditional) {
      if (c.minimum) {
        EXPECT_TRUE(
            has_case(valid, p.name, std::to_string(*c.minimum), c.when.param, c.when.equals))
            << p.name << " min when " << c.when.param << "=" << c.when.equals;
      }
      if (c.maximum) {
        EXPECT_TRUE(
            has_case(valid, p.name, std::to_string(*c.maximum), c.when.param, c.when.equals))
            << p.name << " max when " << c.when.param << "=" << c.when.equals;
      }
    }
  }
  EXPECT_TRUE(has_case(valid, "Period", "1", "PricingCycle", "Month"));
  EXPECT_TRUE(has_case(valid, "Period", "9", "PricingCycle", "Month"));
  EXPECT_TRUE(has_case(valid, "Period", "1", "PricingCycle", "Year"));
  EXPECT_TRUE(has_case(valid, "Period", "5", "PricingCycle", "Year"));
  EXPECT_FALSE(has_case(valid, "Period", "9", "PricingCycle", "Year"));
  EXPECT_TRUE(has_case(valid, "AutoRenewDuration", "2147483647"));
  // Hidden: its answer is open, so its boundaries are never valid cases (spec::open_reading).
  EXPECT_FALSE(has_case(valid, "OwnerId", "-9223372036854775808"));
}

TEST(systematic_cases, every_optional_parameter_is_both_present_and_absent) {
  const auto valid = of_kind(occupancy_cases(), CaseKind::kValid);
  const auto observed = of_kind(occupancy_cases(), CaseKind::kObservation);
  for (const auto& p : occupancy_order()->parameters) {
    const auto present = [&](const Case& c) { return value_of(c, p.name).has_value(); };
    if (p.hidden) {
      // Undocumented: never in a valid case, observed on its own.
      EXPECT_FALSE(std::any_of(valid.begin(), valid.end(), present)) << p.name;
      EXPECT_TRUE(std::any_of(observed.begin(), observed.end(), present)) << p.name;
      continue;
    }
    EXPECT_TRUE(std::any_of(valid.begin(), valid.end(), present)) << p.name;
    if (!p.required) {
      EXPECT_FALSE(std::all_of(valid.begin(), valid.end(), present)) << p.name;
    }
  }
  const auto every = std::find_if(valid.begin(), valid.end(), [](const Case& c) {
    return c.description == "every documented parameter present";
  });
  ASSERT_NE(every, valid.end());
  // The operation's 13 parameters less the four hidden owner parameters.
  EXPECT_EQ(every->params.size(), 9u);
}

// ClientToken's documents state no limit, but the product's convention is ASCII and at most 64
// characters: valid cases keep inside it, values beyond it are observations.
TEST(systematic_cases, free_text_carries_reserved_characters_and_only_observes_non_ascii) {
  const auto valid = of_kind(occupancy_cases(), CaseKind::kValid);
  for (const char* s : {"a b", "a*b", "a~b", "a+b", "a/b", "a&b", "a=b", "a%b", "a%20b"})
    EXPECT_TRUE(has_case(valid, "ClientToken", s)) << s;
  const auto obs = of_kind(occupancy_cases(), CaseKind::kObservation);
  for (const char* s : {"\xF0\x9F\x98\x80", "\xE4\xB8\xAD\xE6\x96\x87"}) {
    EXPECT_FALSE(has_case(valid, "ClientToken", s)) << s;
    EXPECT_TRUE(has_case(obs, "ClientToken", s)) << s;
  }
}

TEST(systematic_cases, every_valid_token_leaves_room_for_the_run_suffix_within_64_ascii) {
  for (const auto& c : occupancy_cases().cases) {
    if (c.kind != CaseKind::kValid)
      continue;
    const auto token = value_of(c, "ClientToken");
    if (!token)
      continue;
    EXPECT_LE(token->size() + kTokenSuffixRoom, 64u) << describe(c);
    EXPECT_TRUE(std::all_of(token->begin(), token->end(), [](char ch) {
      return ch >= 0x20 && ch <= 0x7E;
    })) << describe(c);
  }
  const auto valid = of_kind(occupancy_cases(), CaseKind::kValid);
  EXPECT_TRUE(has_case(valid, "ClientToken", std::string(64 - kTokenSuffixRoom, 'a')));
}

TEST(systematic_cases, every_envelope_is_sent_at_least_once) {
  const auto valid = of_kind(occupancy_cases(), CaseKind::kValid);
  const auto all = envelopes(*occupancy_order());
  EXPECT_EQ(all.size(), 12u);  // 4 placements x V1/V3 with JSON, and x V1 with XML
  for (const auto& e : all) {
    EXPECT_TRUE(std::any_of(valid.begin(), valid.end(), [&](const Case& c) {
      return c.method == e.method && c.placement == e.placement && c.signature == e.signature &&
             c.format == e.format;
    }));
  }
  for (const auto& c : valid) {
    for (const auto& p : c.params) {
      if (c.method == Method::kGet || c.placement == Placement::kQuery) {
        EXPECT_EQ(p.location, spec::Location::kQuery) << describe(c);
      }
      if (c.method == Method::kPost && c.placement == Placement::kBody) {
        EXPECT_EQ(p.location, spec::Location::kBody) << describe(c);
      }
    }
  }
}

TEST(systematic_cases, invalid_cases_break_each_rule_the_named_ways) {
  const auto invalid = of_kind(occupancy_cases(), CaseKind::kInvalid);
  const auto breaking = [&](std::string_view rule, std::string_view name, std::string_view value,
                            std::string_view cond = {}, std::string_view cond_value = {}) {
    return std::any_of(invalid.begin(), invalid.end(), [&](const Case& c) {
      return c.rule_id == rule && value_of(c, name) == value &&
             (cond.empty() || value_of(c, cond) == cond_value);
    });
  };
  EXPECT_TRUE(breaking("period-valid", "Period", "6", "PricingCycle", "Year"));
  EXPECT_TRUE(breaking("period-valid", "Period", "10", "PricingCycle", "Month"));
  EXPECT_TRUE(breaking("period-valid", "Period", "0"));
  EXPECT_TRUE(breaking("period-valid", "Period", "abc"));
  EXPECT_TRUE(breaking("pricing-cycle-valid", "PricingCycle", "conform-unknown"));
  EXPECT_TRUE(breaking("auto-pay-valid", "AutoPay", "yes"));
  EXPECT_TRUE(breaking("owner-id-valid", "OwnerId", "9223372036854775808"));
  // "+1" is an integer on the wire: proposed, then dropped by the rules engine.
  EXPECT_FALSE(std::any_of(invalid.begin(), invalid.end(),
                           [](const Case& c) { return value_of(c, "Period") == "+1"; }));
  // Missing parameters, unknown resources.
  EXPECT_TRUE(std::any_of(invalid.begin(), invalid.end(), [](const Case& c) {
    return c.rule_id == "region-present" && !value_of(c, "RegionId");
  }));
  EXPECT_TRUE(std::any_of(invalid.begin(), invalid.end(),
                          [](const Case& c) { return c.rule_id == "circuit-exists"; }));
  EXPECT_TRUE(std::any_of(invalid.begin(), invalid.end(),
                          [](const Case& c) { return c.rule_id == "region-exists"; }));
  // One case per wrong state the fixtures hold, the alias included; the missing one is a skip.
  std::set<std::string> wrong_states;
  for (const auto& c : invalid) {
    if (c.rule_id == "circuit-complete")
      wrong_states.insert(*value_of(c, "PhysicalConnectionId"));
  }
  EXPECT_EQ(wrong_states.size(), 10u);
  EXPECT_TRUE(wrong_states.contains("pc-allocation-failed"));
  EXPECT_FALSE(wrong_states.contains("pc-Complete"));
  EXPECT_TRUE(std::any_of(
      occupancy_cases().skipped.begin(), occupancy_cases().skipped.end(), [](const Skip& s) {
        return s.what == "circuit-complete" && s.reason == "no circuit in state Terminated";
      }));
  // A partly settled outcome marks its cases: the rejection settled, the code open.
  for (const auto& c : invalid) {
    if (c.rule_id == "auto-pay-valid" || c.rule_id == "version-known") {
      EXPECT_FALSE(c.settled) << describe(c);
      EXPECT_TRUE(c.rejection_settled) << describe(c);
    }
    if (c.rule_id == "period-valid") {
      EXPECT_TRUE(c.settled) << describe(c);
    }
  }
}

TEST(systematic_cases, each_protocol_rule_gets_its_tampers) {
  const auto invalid = of_kind(occupancy_cases(), CaseKind::kInvalid);
  std::set<Tamper> seen;
  for (const auto& c : invalid) {
    if (c.tamper == Tamper::kNone)
      continue;
    seen.insert(c.tamper);
    const auto* rule =
        &*std::find_if(occupancy_order()->rules.begin(), occupancy_order()->rules.end(),
                       [&](const spec::Rule& r) { return r.id == c.rule_id; });
    EXPECT_EQ(rule->check, check_of(c.tamper)) << describe(c);
  }
  EXPECT_EQ(seen.size(), 9u);
  // A spec without a signature rule gets no signature tamper.
  auto op = *occupancy_order();
  std::erase_if(op.rules, [](const spec::Rule& r) { return r.check == spec::Check::kSignature; });
  for (const auto& [tamper, rule] : tampers_for(op)) {
    EXPECT_NE(tamper, Tamper::kWrongSecret);
    EXPECT_NE(tamper, Tamper::kChangedAfterSigning);
  }
  EXPECT_EQ(tampers_for(op).size(), 7u);
}

TEST(systematic_cases, observations_carry_the_models_prediction_and_are_unsettled) {
  const auto obs = of_kind(occupancy_cases(), CaseKind::kObservation);
  const auto find = [&](std::string_view name, std::string_view value) {
    return std::find_if(obs.begin(), obs.end(),
                        [&](const Case& c) { return value_of(c, name) == value; });
  };
  for (const auto& c : obs)
    EXPECT_FALSE(c.settled) << describe(c);
  const auto lower = find("PricingCycle", "month");
  ASSERT_NE(lower, obs.end());
  EXPECT_EQ(lower->rule_id, "pricing-cycle-valid");  // the model is case-sensitive here
  const auto zero = find("Period", "01");
  ASSERT_NE(zero, obs.end());
  EXPECT_EQ(zero->rule_id, "");  // leading zeros are integers to the model
  const auto twice = std::find_if(obs.begin(), obs.end(), [](const Case& c) {
    return std::count_if(c.params.begin(), c.params.end(),
                         [](const Param& p) { return p.name == "PricingCycle"; }) == 2;
  });
  ASSERT_NE(twice, obs.end());
  const auto longer = find("ClientToken", std::string(65, 'a'));  // beyond the convention
  ASSERT_NE(longer, obs.end());
  EXPECT_EQ(longer->rule_id, "");  // the operation's documents allow it
  const auto reused = std::find_if(obs.begin(), obs.end(), [](const Case& c) {
    return c.reuse == TokenReuse::kDifferentRequest;
  });
  ASSERT_NE(reused, obs.end());
  EXPECT_EQ(reused->outcome_id, "idempotent-mismatch");
  EXPECT_EQ(reused->accepted, (std::vector<spec::Answer>{{400, "IdempotentParameterMismatch"}}));
  EXPECT_EQ(value_of(*reused, "ClientToken"), param_map(reused->reuse_params).at("ClientToken"));
  EXPECT_NE(reused->params, reused->reuse_params);
}

TEST(systematic_cases, no_case_carries_common_or_signing_parameters) {
  for (const auto& c : occupancy_cases().cases) {
    for (const auto& p : c.params) {
      const auto* param = occupancy_order()->find_parameter(p.name);
      ASSERT_NE(param, nullptr) << p.name;
      EXPECT_FALSE(param->common) << describe(c);
      EXPECT_FALSE(param->secret) << describe(c);
    }
  }
}

TEST(systematic_cases, charging_cases_are_marked) {
  for (const auto& c : occupancy_cases().cases) {
    // Anything but a value read as the safe one may charge, a malformed one included.
    const bool may_charge = std::any_of(c.params.begin(), c.params.end(), [](const Param& p) {
      return p.name == "AutoPay" && spec::parse_boolean(p.value) != false;
    });
    EXPECT_EQ(c.charges, may_charge) << describe(c);
  }
}

TEST(systematic_cases, the_enumeration_is_deterministic) {
  const auto again = all_cases(*occupancy_order(), occupancy_fixtures());
  EXPECT_EQ(again.cases, occupancy_cases().cases);
  EXPECT_EQ(again.skipped, occupancy_cases().skipped);
}

TEST(systematic_cases, a_missing_fixture_is_a_skip_not_a_case) {
  Fixtures none;
  const auto set = all_cases(*occupancy_order(), none);
  EXPECT_TRUE(set.cases.empty());
  EXPECT_TRUE(std::any_of(set.skipped.begin(), set.skipped.end(), [](const Skip& s) {
    return s.what == "PhysicalConnectionId" && s.reason == "no circuit in state Complete";
  }));
}

TEST(systematic_cases, the_second_spec_works_unchanged) {
  const auto& op = *enable_circuit();
  const auto f = enable_fixtures();
  const auto set = all_cases(op, f);
  expect_every_valid_case_passes(op, f, of_kind(set, CaseKind::kValid));
  expect_every_invalid_case_breaks_its_rule(op, f, of_kind(set, CaseKind::kInvalid));
  expect_every_rule_covered(op, set);
  const auto invalid = of_kind(set, CaseKind::kInvalid);
  EXPECT_TRUE(std::any_of(invalid.begin(), invalid.end(), [](const Case& c) {
    return c.rule_id == "token-valid" && value_of(c, "ClientToken") == std::string(65, 'a');
  }));
  EXPECT_TRUE(std::any_of(invalid.begin(), invalid.end(), [](const Case& c) {
    return c.rule_id == "circuit-confirmed" && value_of(c, "PhysicalConnectionId") == "pc-enabled";
  }));
  EXPECT_TRUE(std::any_of(invalid.begin(), invalid.end(), [](const Case& c) {
    return c.rule_id == "circuit-exists" && value_of(c, "PhysicalConnectionId") == "pc-gone";
  }));
  const auto valid = of_kind(set, CaseKind::kValid);
  EXPECT_TRUE(has_case(valid, "ClientToken", std::string(64, 'a')));
  for (const auto& c : set.cases) {
    EXPECT_EQ(c.method, Method::kPost);
    EXPECT_EQ(c.signature, spec::SignatureScheme::kV3);
  }
  EXPECT_TRUE(std::any_of(set.skipped.begin(), set.skipped.end(),
                          [](const Skip& s) { return s.what == "idempotency"; }));
}

TEST(systematic_cases, counts_for_the_report) {
  std::size_t valid = 0, invalid = 0, observation = 0, unsettled = 0;
  for (const auto& c : occupancy_cases().cases) {
    valid += c.kind == CaseKind::kValid;
    invalid += c.kind == CaseKind::kInvalid;
    observation += c.kind == CaseKind::kObservation;
    unsettled += c.kind == CaseKind::kInvalid && !c.settled;
  }
  std::cout << "occupancy order: " << valid << " valid, " << invalid << " invalid (" << unsettled
            << " unsettled), " << observation << " observation, "
            << occupancy_cases().skipped.size() << " skipped\n";
  for (const auto& s : occupancy_cases().skipped)
    std::cout << "  skipped " << s.what << ": " << s.reason << "\n";
  EXPECT_GT(valid, 30u);  // 32 since hidden parameters are observed, not sent as valid
  EXPECT_GT(invalid, 30u);
  EXPECT_GE(observation, 5u);
}

}  // namespace
}  // namespace conform::gen
