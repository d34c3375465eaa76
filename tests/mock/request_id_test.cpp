#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <set>

#include "mock/bodies.h"

namespace conform::mock {
namespace {

// A version-4 UUID in upper case (RFC 4122 section 4.4): the version nibble is 4 and the variant
// bits are 10, so the third group starts with 4 and the fourth with 8, 9, A or B.
TEST(request_id, is_a_version_4_uuid_and_does_not_repeat) {
  const std::regex v4("^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$");
  std::mt19937_64 random(7);
  std::set<std::string> seen;
  std::set<char> variants;
  std::set<char> last_digits;
  for (int i = 0; i < 2000; ++i) {
    const auto id = make_request_id(random);
    ASSERT_TRUE(std::regex_match(id, v4)) << id;
    variants.insert(id[19]);
    last_digits.insert(id.back());
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 2000u);
  // Every variant and every hex digit turn up: no nibble is stuck.
  EXPECT_EQ(variants, (std::set<char>{'8', '9', 'A', 'B'}));
  EXPECT_EQ(last_digits.size(), 16u);
}

}  // namespace
}  // namespace conform::mock
