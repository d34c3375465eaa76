#include "core/sign/percent.h"

#include <gtest/gtest.h>

#include "tests/core/sign/vectors.h"

namespace conform::sign {
namespace {

TEST(percent_encode, matches_every_row_of_the_sdk_table) {
  const auto& table = test::signature_vectors().at("percent_encoding_table");
  ASSERT_FALSE(table.empty());
  for (const auto& row : table) {
    const auto input = row.at("input").get<std::string>();
    EXPECT_EQ(percent_encode(input), row.at("percent_encoded").get<std::string>()) << input;
  }
}

TEST(append_percent_encoded, appends_after_what_is_there) {
  std::string out = "GET&%2F&";
  append_percent_encoded(out, "a=1&b=~ x");
  EXPECT_EQ(out, "GET&%2F&a%3D1%26b%3D~%20x");
  append_percent_encoded(out, "");
  EXPECT_EQ(out, "GET&%2F&a%3D1%26b%3D~%20x");
}

TEST(percent_decode, round_trips_every_byte) {
  std::string all;
  for (int b = 0; b < 256; ++b) {
    all += static_cast<char>(b);
  }
  const Decoded d = percent_decode(percent_encode(all), PlusIs::kPlus);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.value, all);
}

TEST(percent_decode, plus_is_space_only_when_asked) {
  EXPECT_EQ(percent_decode("a+b%2B", PlusIs::kSpace).value, "a b+");
  EXPECT_EQ(percent_decode("a+b%2B", PlusIs::kPlus).value, "a+b+");
}

TEST(percent_decode, accepts_lowercase_hex) {
  EXPECT_EQ(percent_decode("%e4%b8%ad", PlusIs::kPlus).value, "\xE4\xB8\xAD");
}

TEST(percent_decode, copies_plain_runs_between_escapes) {
  EXPECT_EQ(percent_decode("", PlusIs::kSpace).value, "");
  EXPECT_EQ(percent_decode("%41", PlusIs::kSpace).value, "A");
  EXPECT_EQ(percent_decode("ab%41cd+ef%42", PlusIs::kSpace).value, "abAcd efB");
  EXPECT_EQ(percent_decode("++", PlusIs::kSpace).value, "  ");
}

TEST(percent_decode, reports_malformed_escapes_with_their_offset) {
  for (const auto* bad : {"abc%", "abc%4", "abc%G1", "abc%1G", "abc%%41"}) {
    const Decoded d = percent_decode(bad, PlusIs::kPlus);
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.error->offset, 3u) << bad;
  }
}

TEST(parse_params, decodes_in_order_and_keeps_empty_values) {
  const ParsedParams p = parse_params("b=2&a=x+y%26&SecurityToken=&flag&&c=%3D", PlusIs::kSpace);
  ASSERT_TRUE(p.ok());
  const Params expected{{"b", "2"}, {"a", "x y&"}, {"SecurityToken", ""}, {"flag", ""}, {"c", "="}};
  EXPECT_EQ(p.params, expected);
}

TEST(parse_params, reports_malformed_escape_offset_in_whole_input) {
  const ParsedParams p = parse_params("a=1&bb=x%zz", PlusIs::kPlus);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error->offset, 8u);
  EXPECT_NE(p.error->message.find("bb"), std::string::npos);
}

TEST(encode_params, is_the_inverse_of_parse_params) {
  const Params params{{"x y", "中=&+"}, {"A", ""}};
  const ParsedParams back = parse_params(encode_params(params), PlusIs::kSpace);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.params, params);
}

TEST(encode_params, of_pointers_encodes_in_the_order_given) {
  const Params params{{"b", "2 2"}, {"a", "1"}};
  EXPECT_EQ(encode_params(std::vector<const Param*>{&params[1], &params[0]}), "a=1&b=2%202");
  EXPECT_EQ(encode_params(std::vector<const Param*>{}), "");
  EXPECT_EQ(encode_params(Params{}), "");
}

}  // namespace
}  // namespace conform::sign
