#include "core/json/schema_validator.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/json/parse.h"
#include "tests/support/test_paths.h"

namespace conform::json {
namespace {

using nlohmann::json;

std::vector<SchemaViolation> check(const json& schema, const json& instance) {
  SchemaSet set;
  set.add("s.json", schema);
  return set.validate("s.json", instance);
}

// The official JSON-Schema-Test-Suite (Debian's json-schema-test-suite, draft 7 files): every case
// whose schema uses only keywords conform's validator implements must give the suite's verdict.
// Draft 7 and 2020-12 agree on all of those keywords.
TEST(schema_validator, agrees_with_the_official_test_suite) {
  const std::filesystem::path dir = "/usr/share/json-schema-test-suite/tests/draft7";
  ASSERT_TRUE(std::filesystem::is_directory(dir))
      << "scripts/setup.sh installs json-schema-test-suite";
  int ran = 0;
  int skipped = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json")
      continue;
    const auto groups = json::parse(conform::testing::read_text(entry.path().string()));
    for (const auto& group : groups) {
      SchemaSet set;
      try {
        set.add("case.json", group["schema"]);
      } catch (const SchemaDefinitionError&) {
        ++skipped;  // uses a keyword outside conform's subset
        continue;
      }
      for (const auto& test : group["tests"]) {
        std::vector<SchemaViolation> violations;
        try {
          violations = set.validate("case.json", test["data"]);
        } catch (const SchemaDefinitionError&) {
          ++skipped;  // e.g. a $ref to a remote document
          continue;
        }
        ++ran;
        EXPECT_EQ(violations.empty(), test["valid"].get<bool>())
            << entry.path().filename() << ": " << group["description"] << " / "
            << test["description"];
      }
    }
  }
  // The subset covers most of the suite; a drop here means cases silently stopped running.
  EXPECT_GT(ran, 250) << "skipped " << skipped;
}

TEST(schema_validator, reports_pointer_keyword_and_message) {
  const json schema = {
      {"type", "object"},
      {"properties", {{"items", {{"type", "array"}, {"items", {{"type", "integer"}}}}}}},
      {"required", {"name"}},
      {"additionalProperties", false}};
  const auto v = check(schema, json::parse(R"({"items": [1, "two"], "extra": true})"));
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].pointer, "");
  EXPECT_EQ(v[0].keyword, "required");
  EXPECT_EQ(v[0].message, "missing required property \"name\"");
  EXPECT_EQ(v[1].pointer, "/extra");
  EXPECT_EQ(v[1].keyword, "additionalProperties");
  EXPECT_EQ(v[2].pointer, "/items/1");
  EXPECT_EQ(v[2].message, "expected integer, found string");
}

TEST(schema_validator, escapes_pointer_tokens) {
  const json schema = {{"additionalProperties", {{"type", "string"}}}};
  const auto v = check(schema, json::parse(R"({"a/b~c": 1})"));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].pointer, "/a~1b~0c");
}

TEST(schema_validator, refuses_keywords_it_does_not_implement) {
  SchemaSet set;
  EXPECT_THROW(set.add("s.json", json::parse(R"({"properties": {"a": {"format": "email"}}})")),
               SchemaDefinitionError);
  EXPECT_THROW(set.add("s.json", json::parse(R"({"pattern": "("})")), SchemaDefinitionError);
}

TEST(schema_validator, resolves_refs_across_documents) {
  SchemaSet set;
  set.add("defs.json",
          json::parse(R"({"$defs": {"id": {"type": "string", "pattern": "^[a-z]+$"}}})"));
  set.add("main.json", json::parse(R"({"items": {"$ref": "defs.json#/$defs/id"}})"));
  EXPECT_TRUE(set.validate("main.json", json::parse(R"(["abc"])")).empty());
  const auto v = set.validate("main.json", json::parse(R"(["ABC"])"));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].keyword, "pattern");
  set.add("broken.json", json::parse(R"({"$ref": "nowhere.json#/x"})"));
  EXPECT_THROW(set.validate("broken.json", 1), SchemaDefinitionError);
}

TEST(schema_validator, self_reference_loop_ends_with_a_violation_not_a_crash) {
  SchemaSet set;
  set.add("loop.json", json::parse(R"({"$ref": "#"})"));
  const auto v = set.validate("loop.json", 1);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].keyword, "$ref");
}

TEST(schema_validator, forbidden_property_message_names_the_property) {
  const auto v = check(json::parse(R"({"not": {"required": ["resource"]}})"),
                       json::parse(R"({"resource": 1})"));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message, "property \"resource\" is not allowed here");
}

TEST(parse_strict, rejects_duplicate_keys_at_any_depth) {
  EXPECT_THROW(parse_strict(R"({"a": {"b": 1, "b": 2}})"), ParseError);
  EXPECT_NO_THROW(parse_strict(R"({"a": {"b": 1}, "c": {"b": 2}})"));
}

TEST(parse_strict, a_number_beyond_double_is_an_invalid_json_error) {
  try {
    parse_strict("{\"a\": 1e400}");
    FAIL() << "accepted 1e400";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("number overflow"), std::string::npos) << e.what();
  }
}

TEST(parse_strict, deeply_nested_input_is_an_error_or_a_value_never_a_crash) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_NO_FATAL_FAILURE({
    try {
      parse_strict(deep);
    } catch (const ParseError&) {
    }
  });
}

// Found by the spec_loader fuzzer: a float far outside int64 reached a cast whose result is
// undefined. Integral numbers in range pass as integers; the rest fail with a type error.
TEST(schema_validator, integers_keep_to_the_64_bit_range) {
  const json schema = {{"type", "integer"}};
  EXPECT_TRUE(check(schema, json::parse("3.0")).empty());
  EXPECT_TRUE(check(schema, json::parse("-9223372036854775808")).empty());
  EXPECT_TRUE(check(schema, json::parse("9223372036854775807")).empty());
  const auto huge = check(schema, json::parse("2.14111e131"));
  ASSERT_EQ(huge.size(), 1u);
  EXPECT_EQ(huge[0].message, "expected integer, found a number outside the 64-bit range");
  const auto unsigned_big = check(schema, json::parse("18446744073709551615"));
  ASSERT_EQ(unsigned_big.size(), 1u);
  EXPECT_EQ(unsigned_big[0].message, "expected integer, found an integer outside the 64-bit range");
  EXPECT_EQ(check(schema, json::parse("2.5")).size(), 1u);
}

}  // namespace
}  // namespace conform::json
