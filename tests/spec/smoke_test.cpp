#include <gtest/gtest.h>

TEST(build, compiles) { EXPECT_EQ(1 + 1, 2); }
