#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "reports/html_writer.h"
#include "reports/junit_writer.h"
#include "reports/terminal.h"
#include "tests/reports/fixture.h"

// Approved baselines (googletest's golden files, Catch2's approvals): every report a person or a
// CI reads is rendered from a fixed results.json and compared whole, after normalisers remove what
// may change between runs. CONFORM_APPROVE=1 (scripts/approve-golden.sh) writes the files instead.
namespace conform::report {
namespace {

struct Normaliser {
  std::regex pattern;
  std::string replacement;
};

// Explicit, so a reviewer sees exactly what a golden file does not pin down.
const std::vector<Normaliser>& normalisers() {
  static const std::vector<Normaliser> kAll = {
      // RequestIds and other UUIDs (server-generated).
      {std::regex("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"),
       "{uuid}"},
      // ISO 8601 timestamps.
      {std::regex("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"), "{timestamp}"},
      // Seeds: 64-bit decimals are the only numbers this long.
      {std::regex("\\b\\d{15,20}\\b"), "{seed}"},
      // Durations in seconds, as every writer prints them.
      {std::regex("\\b\\d+\\.\\d{3}\\b"), "{seconds}"},
      // The tool version, so a release does not rewrite every baseline.
      {std::regex("conform " CONFORM_VERSION), "conform {version}"},
      {std::regex("\"" CONFORM_VERSION "\""), "\"{version}\""},
  };
  return kAll;
}

std::string normalise(std::string text) {
  for (const auto& n : normalisers()) {
    text = std::regex_replace(text, n.pattern, n.replacement);
  }
  return text;
}

void check_golden(const std::string& name, const std::string& rendered) {
  const std::string path = conform::testing::source_path("tests/reports/golden/" + name);
  const std::string actual = normalise(rendered);
  const char* approve = std::getenv("CONFORM_APPROVE");
  if (approve != nullptr && std::string(approve) == "1") {
    conform::testing::write_text(path, actual);
    GTEST_SKIP() << "approved " << path;
  }
  const std::string approved = conform::testing::read_text(path);
  ASSERT_FALSE(approved.empty()) << path << " is missing; run scripts/approve-golden.sh";
  if (actual != approved) {
    conform::testing::write_text(path + ".received", actual);
  }
  EXPECT_TRUE(actual == approved) << name << " differs from the approved file; the rendering is in "
                                  << path << ".received (diff them; scripts/approve-golden.sh "
                                  << "accepts a reviewed change)";
}

TEST(report_golden, normalisers_replace_what_changes_between_runs) {
  EXPECT_EQ(normalise("RequestId 0C8D6F43-1B2A-4C3D-9E8F-7A6B5C4D3E2F at 2026-11-27T01:50:06Z "
                      "seed 8112553309121144117 took 1.835 s; 42 and 3.5 stay"),
            "RequestId {uuid} at {timestamp} seed {seed} took {seconds} s; 42 and 3.5 stay");
}

TEST(report_golden, junit) {
  check_golden("junit.approved.xml", render_junit(conform::testing::load_fixture()));
}

TEST(report_golden, html) {
  check_golden("report.approved.html", render_html(conform::testing::load_fixture()));
}

TEST(report_golden, terminal_summary) {
  check_golden("summary.approved.txt", summary_table(conform::testing::load_fixture(), false));
}

TEST(report_golden, markdown_summary) {
  check_golden("summary.approved.md", markdown_summary(conform::testing::load_fixture()));
}

}  // namespace
}  // namespace conform::report
