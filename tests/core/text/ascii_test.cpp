// The ASCII helpers fold only A-Z and a-z: bytes of UTF-8 text and punctuation pass unchanged.
#include "core/text/ascii.h"

#include <gtest/gtest.h>

namespace conform::text {
namespace {

TEST(ascii, case_folding) {
  EXPECT_EQ(to_lower("Content-Type: X-ACS-Date"), "content-type: x-acs-date");
  EXPECT_EQ(to_upper("passed [ok] z@"), "PASSED [OK] Z@");
  EXPECT_EQ(to_lower("\xC3\x84\xC3\xA9"), "\xC3\x84\xC3\xA9");  // Ä é stay as they are
  EXPECT_EQ(to_lower('@'), '@');
  EXPECT_EQ(to_lower('['), '[');
  EXPECT_EQ(to_upper('`'), '`');
  EXPECT_EQ(to_upper('{'), '{');
}

TEST(ascii, iequals) {
  EXPECT_TRUE(iequals("Transfer-Encoding", "transfer-ENCODING"));
  EXPECT_TRUE(iequals("", ""));
  EXPECT_FALSE(iequals("Host", "Hosts"));
  EXPECT_FALSE(iequals("Hosts", "Host"));
  EXPECT_FALSE(iequals("@", "`"));  // 0x40 and 0x60 differ by the case bit but are not letters
  EXPECT_FALSE(iequals("[", "{"));
}

TEST(ascii, ifind) {
  EXPECT_EQ(ifind("<?xml?><!DOCTYPE x>", "<!doctype"), 7u);
  EXPECT_EQ(ifind("no such", "doctype"), std::string_view::npos);
  EXPECT_EQ(ifind("abc", ""), 0u);
  EXPECT_EQ(ifind("", "a"), std::string_view::npos);
}

TEST(ascii, hex) {
  EXPECT_EQ(hex_lower(std::string("\x00\x0f\xa5\xff", 4)), "000fa5ff");
  EXPECT_EQ(hex_upper(std::string("\x00\x0f\xa5\xff", 4)), "000FA5FF");
  EXPECT_EQ(hex_lower(""), "");
  EXPECT_EQ(hex_digit_lower(11), 'b');
  EXPECT_EQ(hex_digit_upper(11), 'B');
  EXPECT_EQ(hex_value('0'), 0);
  EXPECT_EQ(hex_value('9'), 9);
  EXPECT_EQ(hex_value('a'), 10);
  EXPECT_EQ(hex_value('F'), 15);
  EXPECT_EQ(hex_value('g'), -1);
  EXPECT_EQ(hex_value('G'), -1);
  EXPECT_EQ(hex_value('/'), -1);
  EXPECT_EQ(hex_value(':'), -1);
}

}  // namespace
}  // namespace conform::text
