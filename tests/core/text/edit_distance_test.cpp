#include "core/text/edit_distance.h"

#include <gtest/gtest.h>

namespace conform::text {
namespace {

TEST(edit_distance, counts_insertions_substitutions_and_transpositions) {
  EXPECT_EQ(edit_distance("InvalidX", "nvalidX"), 1u);
  EXPECT_EQ(edit_distance("abc", "abd"), 1u);
  EXPECT_EQ(edit_distance("abcd", "abdc"), 1u);
  EXPECT_EQ(edit_distance("abc", "abc"), 0u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("Throttling", "Throttling.User"), 5u);
}

TEST(edit_distance, ignores_ascii_case_when_asked) {
  EXPECT_EQ(edit_distance("--Allow-Billable", "--allow-billable", Case::kIgnored), 0u);
  EXPECT_EQ(edit_distance("--Allow-Billable", "--allow-billable"), 2u);
  EXPECT_EQ(edit_distance("--alow-billable", "--allow-billable", Case::kIgnored), 1u);
  EXPECT_EQ(edit_distance("--SEDE", "--seed", Case::kIgnored), 1u);
}

}  // namespace
}  // namespace conform::text
