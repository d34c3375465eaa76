#include "reports/results_json.h"

#include <gtest/gtest.h>

#include "tests/reports/fixture.h"
#include "tests/support/run_command.h"

namespace conform::report {
namespace {

using conform::testing::load_fixture;
using conform::testing::ScratchDir;

// Reads `text` as a results file and returns the error, or "" when it loads.
std::string error_of(const std::string& text) {
  ScratchDir dir("results-json");
  const std::string path = dir.path("results.json");
  conform::testing::write_text(path, text);
  try {
    read_results(path);
  } catch (const ResultsError& e) {
    return std::string(e.what()).substr(path.size());
  }
  return "";
}

nlohmann::json fixture_json() {
  return to_json(load_fixture());
}

TEST(results_json, fixture_survives_a_round_trip_unchanged) {
  const Results first = load_fixture();
  const std::string text = to_json_text(first);
  const Results second = results_from_json(nlohmann::json::parse(text), "memory");
  EXPECT_EQ(to_json_text(second), text);
  ASSERT_EQ(second.checks.size(), 10u);
  EXPECT_EQ(second.run.seed, 8112553309121144117u);
  EXPECT_EQ(second.checks[2].seed, 17390218845521337731u);
  EXPECT_EQ(second.checks[2].counterexample->parameters.size(), 5u);
  EXPECT_EQ(second.checks[5].exchanges[0].retries[0].delay, std::chrono::milliseconds(200));
  EXPECT_EQ(second.checks[9].exchanges[0].error->kind, http::TransportErrorKind::kConnectFailed);
}

TEST(results_json, seeds_are_decimal_strings_so_javascript_keeps_every_digit) {
  const auto doc = fixture_json();
  EXPECT_EQ(doc["run"]["seed"], "8112553309121144117");
  EXPECT_EQ(doc["format"], "conform-results/1");
}

TEST(results_json, unknown_key_is_an_error_naming_its_place) {
  auto doc = fixture_json();
  doc["checks"][3]["verdikt"] = "passed";
  EXPECT_EQ(error_of(doc.dump()), ":/checks/3/verdikt: unknown key \"verdikt\"");
}

TEST(results_json, unknown_verdict_is_an_error) {
  auto doc = fixture_json();
  doc["checks"][1]["verdict"] = "green";
  doc.erase("summary");
  EXPECT_EQ(error_of(doc.dump()),
            ":/checks/1/verdict: unknown verdict \"green\" (passed, failed, skipped, "
            "inconclusive, observation)");
}

TEST(results_json, wrong_type_is_an_error) {
  auto doc = fixture_json();
  doc["checks"][0]["cases_sent"] = "many";
  EXPECT_EQ(error_of(doc.dump()), ":/checks/0/cases_sent: expected an integer, found string");
}

TEST(results_json, numeric_seed_is_refused) {
  auto doc = fixture_json();
  doc["run"]["seed"] = 12;
  EXPECT_EQ(error_of(doc.dump()), ":/run/seed: expected a seed as a decimal string, found number");
}

TEST(results_json, other_format_is_refused) {
  auto doc = fixture_json();
  doc["format"] = "conform-results/2";
  EXPECT_EQ(error_of(doc.dump()),
            ":/format: unsupported format \"conform-results/2\"; this conform reads "
            "\"conform-results/1\"");
}

TEST(results_json, summary_disagreeing_with_checks_means_an_edited_file) {
  auto doc = fixture_json();
  doc["checks"].erase(0);
  EXPECT_NE(error_of(doc.dump()).find(":/summary: summary does not match the checks"),
            std::string::npos);
}

TEST(results_json, shard_index_must_be_below_total) {
  auto doc = fixture_json();
  doc["run"]["shard"] = {{"index", 2}, {"total", 2}};
  EXPECT_EQ(error_of(doc.dump()), ":/run/shard/index: shard index 2 is not below the total 2");
}

TEST(results_json, missing_required_key_names_the_object) {
  auto doc = fixture_json();
  doc["run"].erase("state");
  EXPECT_EQ(error_of(doc.dump()), ":/run: missing required key \"state\"");
}

TEST(results_json, unknown_key_in_a_nullable_object_is_an_error) {
  auto doc = fixture_json();
  doc["checks"][0]["observed"] = {{"http", 400}, {"colour", "red"}};
  doc.erase("summary");
  EXPECT_EQ(error_of(doc.dump()), ":/checks/0/observed/colour: unknown key \"colour\"");
}

TEST(results_json, wrong_type_of_a_nullable_object_is_an_error) {
  auto doc = fixture_json();
  doc["checks"][0]["counterexample"] = "none";
  doc.erase("summary");
  EXPECT_EQ(error_of(doc.dump()), ":/checks/0/counterexample: expected an object, found string");
}

TEST(results_json, seed_beyond_64_bits_is_refused) {
  auto doc = fixture_json();
  doc["run"]["seed"] = "99999999999999999999";
  EXPECT_EQ(error_of(doc.dump()),
            ":/run/seed: seed \"99999999999999999999\" does not fit in 64 bits");
  doc["run"]["seed"] = "12a";
  EXPECT_EQ(error_of(doc.dump()), ":/run/seed: seed \"12a\" is not a decimal number");
}

TEST(results_json, count_beyond_int64_is_refused) {
  auto doc = fixture_json();
  doc["checks"][0]["duration_us"] = std::uint64_t{9223372036854775808u};
  EXPECT_EQ(error_of(doc.dump()),
            ":/checks/0/duration_us: value 9223372036854775808 is outside the 64-bit integer "
            "range");
}

TEST(results_json, unknown_transport_error_kind_is_an_error) {
  auto doc = fixture_json();
  doc["checks"][0]["exchanges"][0]["error"] = {{"kind", "gremlins"}, {"message", ""}};
  EXPECT_EQ(error_of(doc.dump()),
            ":/checks/0/exchanges/0/error/kind: unknown transport error kind \"gremlins\"");
}

TEST(results_json, duplicate_key_and_bad_syntax_name_the_position) {
  EXPECT_EQ(error_of(R"({"format": "a", "format": "b"})"),
            ":/: key \"format\" appears twice in one object");
  EXPECT_EQ(error_of("{\n  \"format\": }").substr(0, 22), ":/: line 2, column 13:");
}

TEST(results_json, invalid_utf8_in_a_body_is_written_not_thrown) {
  Results r = load_fixture();
  r.checks[0].exchanges[0].response_body = "ok \xff\xfe end";
  const std::string text = to_json_text(r);
  EXPECT_NE(text.find("ok \xEF\xBF\xBD\xEF\xBF\xBD end"), std::string::npos);
}

TEST(results_json, cli_render_of_a_bad_file_exits_2_naming_file_and_place) {
  ScratchDir dir("results-json-cli");
  auto doc = fixture_json();
  doc["run"]["state"] = "paused";
  const std::string path = dir.path("results.json");
  conform::testing::write_text(path, doc.dump());
  const auto r = conform::testing::run_conform("report render --results '" + path + "' --out '" +
                                               dir.path("out") + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "conform report: " + path +
                       ":/run/state: unknown run state \"paused\" (running, finished, "
                       "interrupted)\n");
}

TEST(results_json, cli_usage_errors_exit_2) {
  EXPECT_EQ(conform::testing::run_conform("report").exit_code, 2);
  EXPECT_EQ(conform::testing::run_conform("report render --out /tmp/x").exit_code, 2);
  EXPECT_EQ(conform::testing::run_conform("report merge --out /tmp/x").exit_code, 2);
  EXPECT_EQ(conform::testing::run_conform("report frobnicate").exit_code, 2);
  EXPECT_EQ(
      conform::testing::run_conform("report render --results /nonexistent/r.json --out /tmp/x")
          .exit_code,
      2);
  EXPECT_EQ(conform::testing::run_conform("report --help").exit_code, 0);
}

}  // namespace
}  // namespace conform::report
