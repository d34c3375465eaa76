#include <gtest/gtest.h>

#include <string>

#include "mock/protocol_checks.h"

namespace conform::mock {
namespace {

long long seconds_of(const std::string& text) {
  const auto t = parse_utc_timestamp(text);
  return t ? static_cast<long long>(t->time_since_epoch().count()) : -1;
}

// Epoch seconds from Python's calendar.timegm, not from the code under test.
TEST(parse_utc_timestamp, reads_the_seconds_since_the_epoch) {
  EXPECT_EQ(seconds_of("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(seconds_of("2024-02-29T12:34:56Z"), 1709210096);
  EXPECT_EQ(seconds_of("2026-11-30T23:59:59Z"), 1796083199);
  EXPECT_EQ(seconds_of("2016-06-30T12:00:60Z"), 1467288060);  // a leap second: the next one
}

TEST(parse_utc_timestamp, refuses_what_is_not_a_date_of_that_form) {
  for (const char* bad :
       {"2023-02-29T00:00:00Z", "2024-02-30T00:00:00Z", "2024-04-31T00:00:00Z",
        "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z", "2024-01-00T00:00:00Z",
        "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:61Z",
        "2016-12-31T23:59:60Z", "2024-01-01T00:00:00.1Z", "2024-01-01 00:00:00Z",
        "2024-01-01T00:00:00z", "2024-1-01T00:00:00Z", "2024-01-01T0a:00:00Z", ""}) {
    EXPECT_FALSE(parse_utc_timestamp(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace conform::mock
