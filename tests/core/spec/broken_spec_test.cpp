// Deliberately broken specs (tests/data/broken-specs/cases.json): each must fail to load with
// exactly the errors listed, so a spec author always learns the file, the place and the rule.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/spec/loader.h"
#include "tests/support/test_paths.h"

namespace conform::spec {
namespace {

using conform::testing::read_text;
using conform::testing::ScratchDir;
using conform::testing::source_path;
using conform::testing::write_text;

// A complete operation spec (not an overlay), frozen from the one the project started with, so
// that each patch below names a place in one file.
const char* kSpec = "specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json";
const char* kFullSpec = "tests/data/full-spec/CreatePhysicalConnectionOccupancyOrder.json";
const char* kCommon = "specs/common/alibaba-rpc.json";

std::string substitute(std::string text, const std::string& key, const std::string& value) {
  for (auto pos = text.find(key); pos != std::string::npos;
       pos = text.find(key, pos + value.size())) {
    text.replace(pos, key.size(), value);
  }
  return text;
}

struct BrokenCase {
  std::string name;
  nlohmann::json patch;
  std::vector<std::string> errors;
};

void PrintTo(const BrokenCase& c, std::ostream* out) {
  *out << c.name;
}

std::vector<BrokenCase> load_cases() {
  const auto doc =
      nlohmann::json::parse(read_text(source_path("tests/data/broken-specs/cases.json")));
  std::vector<BrokenCase> out;
  for (const auto& c : doc["cases"]) {
    out.push_back({c["name"], c["patch"], c["errors"].get<std::vector<std::string>>()});
  }
  return out;
}

class BrokenSpec : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenSpec, fails_with_the_exact_errors) {
  const auto& c = GetParam();
  ScratchDir dir("broken");
  const std::string spec_path = dir.path(kSpec);
  const std::string common_path = dir.path(kCommon);
  write_text(common_path, read_text(source_path(kCommon)));
  const auto original = nlohmann::json::parse(read_text(source_path(kFullSpec)));
  write_text(spec_path, original.patch(c.patch).dump(2));

  std::vector<std::string> actual;
  try {
    load_operation(spec_path);
    FAIL() << "the broken spec loaded: " << c.name;
  } catch (const SpecLoadError& e) {
    for (const auto& err : e.errors())
      actual.push_back(err.to_string());
  }
  std::vector<std::string> expected;
  for (auto e : c.errors) {
    e = substitute(e, "{spec}", spec_path);
    e = substitute(e, "{common}", common_path);
    e = substitute(e, "{dir}", dir.path("specs/vpc/2016-04-28"));
    expected.push_back(e);
  }
  EXPECT_EQ(actual, expected);
}

std::string case_name(const ::testing::TestParamInfo<BrokenCase>& info) {
  std::string name;
  for (char ch : info.param.name)
    name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(cases, BrokenSpec, ::testing::ValuesIn(load_cases()), case_name);

// Text-level defects cannot be written as a patch of a valid document.
class BrokenText : public ::testing::Test {
 protected:
  std::vector<std::string> errors_for(const std::string& text) {
    write_text(dir_.path(kCommon), read_text(source_path(kCommon)));
    write_text(dir_.path(kSpec), text);
    try {
      load_operation(dir_.path(kSpec));
    } catch (const SpecLoadError& e) {
      std::vector<std::string> out;
      for (const auto& err : e.errors())
        out.push_back(err.to_string());
      return out;
    }
    return {"loaded"};
  }
  std::string spec_path() const { return dir_.path(kSpec); }
  ScratchDir dir_{"broken-text"};
};

TEST_F(BrokenText, truncated_json_names_line_and_column) {
  const auto errors = errors_for("{\n  \"format\": \"conform-operation/1\",\n  \"product\": ");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], spec_path() +
                           ":line 3, column 14: invalid-json: syntax error while parsing value - "
                           "unexpected end of input; expected '[', '{', or a literal");
}

TEST_F(BrokenText, duplicate_key_is_an_error_not_a_silent_overwrite) {
  const auto errors =
      errors_for(R"({"format": "conform-operation/1", "format": "conform-operation/1"})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], spec_path() + ": duplicate-key: key \"format\" appears twice in one object");
}

TEST_F(BrokenText, top_level_array_is_a_type_error) {
  const auto errors = errors_for("[]");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], spec_path() + ":/: schema:type: expected object, found array");
}

TEST_F(BrokenText, empty_file) {
  const auto errors = errors_for("");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find(": invalid-json: "), std::string::npos) << errors[0];
}

TEST_F(BrokenText, missing_file) {
  try {
    load_operation(dir_.path("nothing-here.json"));
    FAIL();
  } catch (const SpecLoadError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].to_string(),
              dir_.path("nothing-here.json") + ": unreadable-file: no such file");
  }
}

TEST_F(BrokenText, broken_common_file_is_reported_with_its_own_path) {
  auto spec = read_text(source_path(kFullSpec));
  write_text(dir_.path(kSpec), spec);
  write_text(dir_.path(kCommon), R"({"format": "conform-common/1"})");
  try {
    load_operation(dir_.path(kSpec));
    FAIL();
  } catch (const SpecLoadError& e) {
    ASSERT_GE(e.errors().size(), 2u);
    EXPECT_EQ(e.errors()[0].rule, "common-spec-invalid");
    EXPECT_EQ(e.errors()[1].file, dir_.path(kCommon));
    EXPECT_EQ(e.errors()[1].rule, "schema:required");
  }
}

// A listed media type must parse and, if it names a charset, name UTF-8.
TEST_F(BrokenText, content_types_that_are_not_utf8_media_types) {
  auto common = nlohmann::json::parse(read_text(source_path(kCommon)));
  common["responses"]["content_types"]["XML"][1]["media_type"] = "application xml";
  common["responses"]["content_types"]["JSON"][0]["media_type"] = "application/json;charset=utf8";
  common["responses"]["content_types"]["JSON"][1]["sources"] = {"no-such-source"};
  write_text(dir_.path(kSpec), read_text(source_path(kFullSpec)));
  write_text(dir_.path(kCommon), common.dump(2));
  std::vector<std::string> errors;
  try {
    load_operation(dir_.path(kSpec));
  } catch (const SpecLoadError& e) {
    for (const auto& err : e.errors())
      errors.push_back(err.to_string());
  }
  const std::string at = dir_.path(kCommon) + ":/responses/content_types/";
  EXPECT_EQ(errors,
            (std::vector<std::string>{
                at + "JSON/0/media_type: invalid-media-type: \"application/json;charset=utf8\" "
                     "names charset utf8; responses are UTF-8",
                at + "JSON/1/sources/0: unknown-source: source \"no-such-source\" is not in "
                     "the sources map",
                at + "XML/1/media_type: invalid-media-type: \"application xml\" is not a "
                     "media type: '/' expected after the type \"application\" at offset 11"}));
}

}  // namespace
}  // namespace conform::spec
