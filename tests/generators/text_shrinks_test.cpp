// The order of text shrink candidates, typed out by hand from the documented stages, and what it
// buys: a value whose length is what fails shrinks to that length in a few dozen candidates.
#include "generators/text_shrinks.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

namespace conform::gen {
namespace {

std::vector<Text> all(const Text& text, const std::vector<std::string>& alphabet) {
  std::vector<Text> out;
  auto seq = text_shrinks(text, alphabet);
  while (auto next = seq.next())
    out.push_back(*next);
  return out;
}

TEST(text_shrinks, candidates_come_in_the_documented_order) {
  const std::vector<std::string> alphabet = {"a", "b", "z"};
  const std::vector<Text> expected = {
      {},               // prefix, all cut
      {"z", "b"},       // prefix, 1 cut
      {"b", "z"},       // chunk of 1 removed at 0
      {"z", "z"},       // at 1
      {"z", "b"},       // at 2
      {"a", "a", "a"},  // every piece to the first letter
      {"a", "b", "z"},  // piece 0: z (index 2) to index 0
      {"b", "b", "z"},  //          then to index 1
      {"z", "a", "z"},  // piece 1: b to a
      {"z", "b", "a"},  // piece 2: z to a
      {"z", "b", "b"},  //          then to b
  };
  EXPECT_EQ(all({"z", "b", "z"}, alphabet), expected);
}

TEST(text_shrinks, text_of_first_letters_only_gets_shorter) {
  const std::vector<Text> expected = {{}, {"a"}, {"a"}, {"a"}};
  EXPECT_EQ(all({"a", "a"}, {"a", "b"}), expected);
  EXPECT_TRUE(all({}, {"a", "b"}).empty());
}

TEST(text_shrinks, a_piece_outside_the_alphabet_moves_only_with_all_the_others) {
  const std::vector<Text> expected = {{}, {"a"}};
  EXPECT_EQ(all({"?"}, {"a", "b"}), expected);
}

// RapidCheck's greedy search over these candidates: take the first failing one, start again from
// it. `fails` depends on the length only, as when a server refuses values from 20 characters.
TEST(text_shrinks, a_long_value_failing_by_length_shrinks_to_that_length_in_few_candidates) {
  const std::vector<std::string> alphabet = {"a", "b", "z"};
  const auto fails = [](const Text& t) { return t.size() >= 20; };
  for (std::size_t start : {20u, 21u, 37u, 100u, 1000u, 5000u}) {
    Text current(start, "z");
    int tried = 0;
    bool moved = true;
    while (moved) {
      moved = false;
      auto seq = text_shrinks(current, alphabet);
      while (auto next = seq.next()) {
        ++tried;
        if (fails(*next)) {
          current = *next;
          moved = true;
          break;
        }
      }
    }
    EXPECT_EQ(current, Text(20, "a")) << start;
    // Each length halving costs a few candidates; at the minimum every candidate is tried once:
    // 5 prefixes and 2 x 20 chunk removals of 20 pieces, twice (before and after the letters).
    EXPECT_LE(tried, 200) << start;
  }
}

// draw_text stands in for RapidCheck's own container of elementOf: a seed must draw the text it
// drew before, so the two are compared on many streams and sizes, the empty and the largest too.
TEST(draw_text, draws_what_rapidchecks_container_of_elements_draws) {
  const std::vector<std::string> alphabet = {"a", "b", "z", "\xE4\xB8\xAD", "-"};
  const auto theirs = rc::gen::container<Text>(rc::gen::elementOf(alphabet));
  rc::Random streams(12345);
  int nonempty = 0;
  for (int i = 0; i < 2000; ++i) {
    const auto random = streams.split();
    const int size = i % 101;
    const auto expected = theirs(random, size).value();
    EXPECT_EQ(draw_text(random, size, alphabet), expected) << "stream " << i << ", size " << size;
    nonempty += expected.empty() ? 0 : 1;
  }
  EXPECT_GT(nonempty, 1500);
}

}  // namespace
}  // namespace conform::gen
