// `conform lint --api-docs FILE`: a spec tree (an import of a small hand-made metadata file and an
// overlay on it) compared with the metadata. Every expected finding and hint is written out from
// tests/data/api-docs/fixture-2020-01-01-api-docs.json by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/support/run_command.h"
#include "tests/support/test_paths.h"

namespace conform::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kFixture = "tests/data/api-docs/fixture-2020-01-01-api-docs.json";

// The overlay: a type the metadata disagrees with (Name), a parameter and a code it lacks
// (Hidden, Extra.Code), and one of its parameters dropped (Flag).
const char* kOverlay = R"({
  "format": "conform-overlay/1",
  "base": "../../imported/fixture/2020-01-01/MakeThing.json",
  "parameters": [
    {"name": "Name", "type": "integer"},
    {"name": "Hidden", "type": "string", "required": false, "in": ["query"],
     "description": "not in the metadata", "sources": ["api-docs"]}
  ],
  "errors": [{"code": "Extra.Code", "http": 400, "message": "x", "description": "not listed",
              "sources": ["api-docs"]}],
  "outcomes": [{"id": "listed-error", "accept": [{"http": 400, "code": "Bad.Size"},
                                                 {"http": 400, "code": "Extra.Code"}]}],
  "drop": [{"at": "/rules/flag-valid", "reason": "a test"},
           {"at": "/parameters/Flag", "reason": "a test"}]
})";

class LintMetadata : public ::testing::Test {
 protected:
  LintMetadata() {
    const auto r = run_conform("import api-docs '" + source_path(kFixture) + "' --out '" +
                               dir_.path("specs/imported") + "' --common '" +
                               source_path("specs/common/alibaba-rpc.json") + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    write_text(overlay(), kOverlay);
  }
  std::string overlay() const { return dir_.path("specs/fixture/2020-01-01/MakeThing.json"); }
  CommandResult lint(const std::string& metadata, const std::string& flags = "") {
    return run_conform("lint --spec-dir '" + dir_.path("specs") + "' --api-docs '" + metadata +
                       "' --common '" + source_path("specs/common/alibaba-rpc.json") + "' " +
                       flags);
  }
  ScratchDir dir_{"lint-metadata"};
};

std::vector<std::string> summary(const json& list) {
  std::vector<std::string> out;
  for (const auto& f : list)
    out.push_back(f["check"].get<std::string>() + " " +
                  fs::path(f["file"].get<std::string>()).filename().string() + ":" +
                  f["pointer"].get<std::string>());
  return out;
}

TEST_F(LintMetadata, drift_between_the_overlay_and_the_metadata_is_found_with_places) {
  const auto r = lint(source_path(kFixture), "--format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = json::parse(r.out);
  ASSERT_EQ(doc.size(), 1u);
  std::vector<std::string> drift;
  for (const auto& s : summary(doc[0]["findings"])) {
    if (s.rfind("drift", 0) == 0 || s.rfind("stale", 0) == 0)
      drift.push_back(s);
  }
  EXPECT_EQ(drift,
            (std::vector<std::string>{
                "drift-parameter fixture-2020-01-01-api-docs.json:/apis/MakeThing/parameters/3",
                "drift-type MakeThing.json:/parameters/0/type",
                "drift-parameter MakeThing.json:/parameters/1",
                "drift-error-code MakeThing.json:/errors/0",
            }));
}

TEST_F(LintMetadata, hints_quote_the_valid_values_sentence_the_spec_does_not_declare) {
  const auto r = lint(source_path(kFixture), "--format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto hints = json::parse(r.out)[0]["hints"];
  EXPECT_EQ(
      summary(hints),
      (std::vector<std::string>{
          "hint-range "
          "fixture-2020-01-01-api-docs.json:/apis/MakeThing/parameters/0/schema/description",
          "hint-enum "
          "fixture-2020-01-01-api-docs.json:/apis/MakeThing/parameters/1/schema/description"}));
  EXPECT_EQ(hints[0]["message"],
            "MakeThing: Size: the description states 1..10, which the spec does not declare");
  EXPECT_EQ(hints[0]["evidence"], json::parse(R"(["\"Valid values: **1** to **10**.\""])"));
  EXPECT_EQ(hints[1]["message"],
            "MakeThing: Color: the description lists Red, Blue, which the "
            "spec does not declare as its enum");
  EXPECT_EQ(hints[1]["evidence"],
            json::parse(R"(["\"Valid values: * **Red**: the red one. * **Blue** (default)\""])"));
}

TEST_F(LintMetadata, hints_never_fail_a_run_and_drift_fails_only_with_strict) {
  const auto plain = lint(source_path(kFixture));
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.out.find("hint: "), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("lint: 1 spec, "), std::string::npos) << plain.out;
  EXPECT_EQ(lint(source_path(kFixture), "--strict").exit_code, 1);
}

TEST_F(LintMetadata, a_committed_import_older_than_the_metadata_is_stale) {
  auto metadata = json::parse(read_text(source_path(kFixture)));
  metadata["apis"]["MakeThing"]["errorCodes"]["400"][0]["errorMessage"] = "Changed.";
  write_text(dir_.path("newer/fixture-2020-01-01-api-docs.json"), metadata.dump(2));
  const auto r = lint(dir_.path("newer/fixture-2020-01-01-api-docs.json"), "--format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = json::parse(r.out);
  std::vector<std::string> stale;
  for (const auto& f : doc[0]["findings"]) {
    if (f["check"] == "stale-import")
      stale.push_back(fs::path(f["file"].get<std::string>()).lexically_normal().generic_string() +
                      ":" + f["pointer"].get<std::string>());
  }
  ASSERT_EQ(stale.size(), 1u);
  // The base the overlay names, not the overlay.
  const std::string base = "imported/fixture/2020-01-01/MakeThing.json:/";
  EXPECT_EQ(stale[0].substr(stale[0].size() - base.size()), base) << stale[0];
}

TEST(lint_operation, an_unknown_operation_is_a_usage_error_naming_the_nearest) {
  const auto r = run_conform("lint --operation CreatePhysicalConnectionOccupancyOrdr");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no operation CreatePhysicalConnectionOccupancyOrdr under "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("did you mean CreatePhysicalConnectionOccupancyOrder?"), std::string::npos)
      << r.err;
}

// The whole VPC product: every operation imported, the one overlay, and the hints its metadata's
// descriptions give (the count measured on the snapshot of 2025-12-19, typed in).
TEST(lint_vpc, the_whole_product_lints_with_its_hints_counted) {
  const auto file = source_path("../shared/metadata/vpc-2016-04-28-api-docs.json");
  if (!fs::exists(file))
    GTEST_SKIP() << "no metadata beside the project";
  const auto r = run_conform("lint --format json --api-docs '" + file + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = json::parse(r.out);
  EXPECT_EQ(doc.size(), 394u);
  std::map<std::string, std::size_t> hints;
  std::size_t stale = 0;
  std::vector<std::string> curated_drift;
  for (const auto& spec : doc) {
    for (const auto& h : spec["hints"])
      ++hints[h["check"]];
    for (const auto& f : spec["findings"]) {
      stale += f["check"] == "stale-import" ? 1u : 0u;
      if (spec["action"] == "CreatePhysicalConnectionOccupancyOrder" &&
          f["check"].get<std::string>().rfind("drift", 0) == 0)
        curated_drift.push_back(f["check"].get<std::string>() + " " +
                                f["pointer"].get<std::string>());
    }
  }
  EXPECT_EQ(stale, 0u);
  EXPECT_EQ(hints, (std::map<std::string, std::size_t>{{"hint-enum", 176}, {"hint-range", 74}}));
  // What the overlay adds beyond the metadata: the SDK's hidden owner parameters, the seed's
  // misspelt code and the VPC-wide idempotency code.
  EXPECT_EQ(curated_drift, (std::vector<std::string>{
                               "drift-parameter /parameters/9", "drift-parameter /parameters/10",
                               "drift-parameter /parameters/11", "drift-parameter /parameters/12",
                               "drift-error-code /errors/1", "drift-error-code /errors/2"}));
}

}  // namespace
}  // namespace conform::testing
