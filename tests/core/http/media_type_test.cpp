#include "core/http/media_type.h"

#include <gtest/gtest.h>

// Examples are RFC 9110's where it gives them (section numbers in the test names' comments).
namespace conform::http {
namespace {

MediaType parsed(std::string_view text) {
  auto p = parse_media_type(text);
  EXPECT_TRUE(p.value.has_value()) << text << ": " << p.error;
  return p.value.value_or(MediaType{});
}

// RFC 9110 8.3.1: "The following examples are all equivalent".
TEST(media_type, rfc9110_equivalent_spellings_parse_alike) {
  for (const auto* text : {"text/html;charset=utf-8", "Text/HTML;Charset=\"utf-8\"",
                           "text/html; charset=\"utf-8\"", "text/html;charset=UTF-8"}) {
    SCOPED_TRACE(text);
    const auto m = parsed(text);
    EXPECT_EQ(m.type, "text");
    EXPECT_EQ(m.subtype, "html");
    ASSERT_EQ(m.parameters.size(), 1u);
    EXPECT_EQ(m.parameters[0].first, "charset");
    ASSERT_TRUE(m.parameter("CHARSET"));
    EXPECT_TRUE(names_utf8(*m.parameter("charset")));
  }
}

// RFC 9110 8.3: "Content-Type: text/html; charset=ISO-8859-4".
TEST(media_type, rfc9110_content_type_example_is_not_utf8) {
  const auto m = parsed("text/html; charset=ISO-8859-4");
  EXPECT_EQ(m.parameter("charset"), "ISO-8859-4");
  EXPECT_FALSE(names_utf8(*m.parameter("charset")));
}

// RFC 9110 5.6.6: parameters are optional, there may be several, and an empty one is allowed
// ("*( OWS ";" OWS [ parameter ] )").
TEST(media_type, parameters_are_optional_several_and_may_be_empty) {
  EXPECT_TRUE(parsed("application/xml").parameters.empty());
  const auto m = parsed("application/json ; q=1;;charset = utf-8 ; ");
  ASSERT_EQ(m.parameters.size(), 2u);
  EXPECT_EQ(m.parameter("q"), "1");
  EXPECT_EQ(m.parameter("charset"), "utf-8");
}

// RFC 9110 5.6.4: a quoted-pair stands for the octet after the backslash.
TEST(media_type, quoted_values_unescape_quoted_pairs) {
  EXPECT_EQ(parsed(R"(a/b; x="semi;colon \"q\" back\\slash")").parameter("x"),
            R"(semi;colon "q" back\slash)");
}

TEST(media_type, surrounding_whitespace_is_not_part_of_the_value) {
  const auto m = parsed(" \tAPPLICATION/Json\t ");
  EXPECT_EQ(m.type, "application");
  EXPECT_EQ(m.subtype, "json");
}

TEST(media_type, malformed_values_are_refused_with_where) {
  for (const auto* text :
       {"", "application", "application/", "/json", "application json", "text/xml;charset",
        "text/xml;charset=", "text/xml;=utf-8", "text/xml;charset=\"utf-8", "text/xml utf-8",
        "text/xml;charset=utf 8", "text/(xml)"}) {
    SCOPED_TRACE(text);
    const auto p = parse_media_type(text);
    EXPECT_FALSE(p.value.has_value());
    EXPECT_NE(p.error.find("offset"), std::string::npos);
  }
}

// IANA character sets: UTF-8 (MIBenum 106), alias csUTF8; "utf8" is not registered.
TEST(media_type, utf8_is_the_registered_name_or_alias_in_any_case) {
  for (const auto* name : {"UTF-8", "utf-8", "Utf-8", "csUTF8", "CSUTF8"})
    EXPECT_TRUE(names_utf8(name)) << name;
  for (const auto* name : {"utf8", "UTF_8", "utf-16", "us-ascii", "", "utf-8 "})
    EXPECT_FALSE(names_utf8(name)) << name;
}

TEST(media_type, same_essence_ignores_case_and_parameters_not_subtype) {
  EXPECT_TRUE(same_essence(parsed("Text/XML"), parsed("text/xml;charset=utf-8")));
  EXPECT_FALSE(same_essence(parsed("text/xml"), parsed("application/xml")));
  EXPECT_FALSE(same_essence(parsed("application/json"), parsed("application/jsonp")));
}

}  // namespace
}  // namespace conform::http
