// Random cases: whatever RapidCheck draws is what it claims on the wire, for both specs, and a
// seed gives the same cases again.
#include "generators/random_cases.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "generators/oracle.h"
#include "generators/values.h"
#include "tests/generators/test_specs.h"

namespace conform::gen {
namespace {

using testing::enable_circuit;
using testing::enable_fixtures;
using testing::occupancy_fixtures;
using testing::occupancy_order;

const rc::Gen<Case>& occupancy_valid() {
  static const auto gen = valid_case(occupancy_order(), occupancy_fixtures());
  return gen;
}

const rc::Gen<Case>& occupancy_invalid() {
  static const auto gen = invalid_case(occupancy_order(), occupancy_fixtures());
  return gen;
}

void check_valid(const spec::Operation& op, const Fixtures& f, const Case& c) {
  const auto breach = first_breach(op, f, c);
  RC_ASSERT(!breach);
  RC_ASSERT(c.kind == CaseKind::kValid);
  for (const auto& p : c.params)
    RC_ASSERT(!op.find_parameter(p.name)->common);
}

void check_invalid(const spec::Operation& op, const Fixtures& f, const Case& c) {
  const auto breach = first_breach(op, f, c);
  RC_ASSERT(breach.has_value());
  RC_ASSERT(breach->rule->id == c.rule_id);
  RC_ASSERT(c.kind == CaseKind::kInvalid);
  RC_ASSERT(!c.accepted.empty());
  RC_ASSERT(c.accepted == spec::accepted_answers(op, *breach->rule));
}

RC_GTEST_PROP(random_cases, every_valid_case_passes_every_rule, ()) {
  const auto c = *occupancy_valid();
  check_valid(*occupancy_order(), occupancy_fixtures(), c);
  RC_TAG(c.params.size() > 7 ? "more than 7 parameters" : "at most 7 parameters");
}

// The product's convention for ClientToken (ASCII, at most 64 characters), with room left for the
// run-unique suffix a runner appends.
RC_GTEST_PROP(random_cases, valid_tokens_keep_inside_the_convention_with_room_for_a_suffix, ()) {
  const auto c = *occupancy_valid();
  for (const auto& p : c.params) {
    if (p.name != "ClientToken")
      continue;
    RC_ASSERT(p.value.size() + kTokenSuffixRoom <= 64u);
    RC_ASSERT(std::all_of(p.value.begin(), p.value.end(),
                          [](char ch) { return ch >= 0x20 && ch <= 0x7E; }));
  }
}

RC_GTEST_PROP(random_cases, every_invalid_case_breaks_its_declared_rule_first, ()) {
  check_invalid(*occupancy_order(), occupancy_fixtures(), *occupancy_invalid());
}

RC_GTEST_PROP(random_cases, the_second_spec_works_unchanged, ()) {
  static const auto valid = valid_case(enable_circuit(), enable_fixtures());
  static const auto invalid = invalid_case(enable_circuit(), enable_fixtures());
  check_valid(*enable_circuit(), enable_fixtures(), *valid);
  check_invalid(*enable_circuit(), enable_fixtures(), *invalid);
}

TEST(random_cases, a_seed_reproduces_the_same_cases) {
  for (std::uint64_t seed : {1u, 42u, 2026u}) {
    for (int size : {0, 10, 50, 100}) {
      const rc::Random random(seed);
      EXPECT_EQ(occupancy_valid()(random, size).value(), occupancy_valid()(random, size).value());
      EXPECT_EQ(occupancy_invalid()(random, size).value(),
                occupancy_invalid()(random, size).value());
      // A generator built anew from the same spec draws the same case too.
      const auto again = valid_case(occupancy_order(), occupancy_fixtures());
      EXPECT_EQ(again(random, size).value(), occupancy_valid()(random, size).value());
    }
  }
  std::set<std::string> distinct;
  for (std::uint64_t seed = 0; seed < 20; ++seed)
    distinct.insert(describe(occupancy_valid()(rc::Random(seed), 50).value()));
  EXPECT_GT(distinct.size(), 10u);
}

TEST(random_cases, without_fixtures_the_valid_generator_says_why) {
  try {
    (void)valid_case(occupancy_order(), Fixtures{});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("no region in the fixtures"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace conform::gen
