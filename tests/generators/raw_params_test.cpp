// raw_params_gen works a case's raw parameters out directly and builds RapidCheck's nested tree
// of shrinkables only when asked for shrinks: a seed must still draw and shrink what RapidCheck's
// own composition (nested_raw_params_gen) draws and shrinks. Compared on many streams and sizes,
// on both test operations (one with free text), down the first shrinks.
#include "generators/raw_params.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "tests/generators/test_specs.h"

namespace conform::gen {
namespace {

bool same(const RawParams& a, const RawParams& b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (static_cast<bool>(a[i]) != static_cast<bool>(b[i]))
      return false;
    if (a[i] && (a[i]->pick != b[i]->pick || a[i]->text != b[i]->text))
      return false;
  }
  return true;
}

void expect_same_draws(const spec::Operation& op, const Fixtures& fixtures) {
  const auto direct = raw_params_gen(op, fixtures);
  const auto nested = nested_raw_params_gen(op, fixtures);
  rc::Random streams(20261130);
  int with_text = 0;
  for (int i = 0; i < 500; ++i) {
    const auto random = streams.split();
    const int size = i % 101;
    const auto mine = direct(random, size);
    const auto theirs = nested(random, size);
    ASSERT_TRUE(same(mine.value(), theirs.value())) << op.action << ": stream " << i;
    for (const auto& r : theirs.value())
      with_text += r && !r->text.empty() ? 1 : 0;
    if (i % 50 != 0)
      continue;
    auto my_shrinks = mine.shrinks();
    auto their_shrinks = theirs.shrinks();
    for (int k = 0; k < 20; ++k) {
      const auto a = my_shrinks.next();
      const auto b = their_shrinks.next();
      ASSERT_EQ(static_cast<bool>(a), static_cast<bool>(b)) << op.action << ": shrink " << k;
      if (!a)
        break;
      ASSERT_TRUE(same(a->value(), b->value()))
          << op.action << ": stream " << i << ", shrink " << k;
    }
  }
  if (op.action == "CreatePhysicalConnectionOccupancyOrder") {
    EXPECT_GT(with_text, 0) << "no free text was drawn: the text path went untested";
  }
}

TEST(raw_params, draws_and_shrinks_what_rapidchecks_nested_pairs_draw_and_shrink) {
  expect_same_draws(*testing::occupancy_order(), testing::occupancy_fixtures());
  expect_same_draws(*testing::enable_circuit(), testing::enable_fixtures());
}

}  // namespace
}  // namespace conform::gen
