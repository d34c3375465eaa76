// Cases in flight change how fast a run goes, never what it reports: the same seed with one case
// at a time and with 16 in flight gives the same results.json, apart from what differs between
// any two runs (times, ports, request ids, nonces, signatures, the run's random token part).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/support/mock_process.h"
#include "tests/support/run_command.h"
#include "tests/support/seed_operation.h"

namespace conform::testing {
namespace {

const std::string kCreds =
    "ALIBABA_CLOUD_ACCESS_KEY_ID=conform-test-key "
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET=conform-test-secret ";

// What two runs of one seed may differ in, replaced by placeholders.
std::string steady(std::string text) {
  static const std::vector<std::pair<std::regex, std::string>> kVarying = {
      {std::regex(R"(127\.0\.0\.1:[0-9]+)"), "127.0.0.1:PORT"},
      {std::regex(R"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"),
       "UUID"},
      {std::regex(
           R"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}(:|%3A)[0-9]{2}(:|%3A)[0-9]{2}(\.[0-9]+)?Z)"),
       "TIME"},
      {std::regex(R"(-[0-9a-f]{5}-[0-9]+)"), "-TOKEN"},  // a client token's run-unique suffix
      {std::regex(R"([0-9A-Fa-f]{32,})"), "HEX"},
      {std::regex(R"(Signature=[^&"\s,]+)"), "Signature=SIG"},
      {std::regex(R"(OrderId(\\?"?[:>]\\?"?)[0-9]+)"), "OrderId$1N"},
  };
  for (const auto& [pattern, placeholder] : kVarying)
    text = std::regex_replace(text, pattern, placeholder);
  return text;
}

nlohmann::json steady(const nlohmann::json& j) {
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : j.items()) {
      if (key != "duration_us" && key != "started_at" && key != "finished_at" && key != "timings")
        out[key] = steady(value);
    }
    return out;
  }
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : j)
      out.push_back(steady(v));
    return out;
  }
  return j.is_string() ? nlohmann::json(steady(j.get<std::string>())) : j;
}

struct Run {
  CommandResult result;
  nlohmann::json results;
};

// The flags that point a run at a mock process with the circuits its default fixtures hold.
std::string against(const MockProcess& mock) {
  return "--endpoint " + mock.url() +
         " --region cn-hangzhou --complete-circuit pc-mock-complete --enabled-circuit "
         "pc-mock-enabled";
}

Run run_with(const std::string& flags, int in_flight, const ScratchDir& dir) {
  const std::string reports = dir.path("n" + std::to_string(in_flight));
  Run r;
  r.result = run_command(kCreds + "'" + CONFORM_BINARY + "' run " + seed_operation_flag() +
                         " --report-dir " + reports + " --in-flight " + std::to_string(in_flight) +
                         " " + flags);
  r.results = nlohmann::json::parse(read_text(reports + "/results.json"), nullptr, false);
  return r;
}

void expect_same_reports(const Run& one, const Run& many) {
  ASSERT_TRUE(one.results.is_object()) << one.result.out << one.result.err;
  ASSERT_TRUE(many.results.is_object()) << many.result.out << many.result.err;
  EXPECT_EQ(one.result.exit_code, many.result.exit_code);
  const auto a = steady(one.results);
  const auto b = steady(many.results);
  ASSERT_EQ(a["checks"].size(), b["checks"].size());
  for (std::size_t i = 0; i < a["checks"].size(); ++i)
    EXPECT_EQ(a["checks"][i].dump(1), b["checks"][i].dump(1)) << "check " << i;
  EXPECT_EQ(a["coverage"], b["coverage"]);
  EXPECT_EQ(a["summary"], b["summary"]);
}

TEST(cli_in_flight, the_embedded_mock_gives_the_same_report_with_1_and_16_in_flight) {
  ScratchDir dir("in-flight-mock");
  const std::string flags = "--seed 7 --cases 60";
  const auto one = run_with(flags, 1, dir);
  const auto many = run_with(flags, 16, dir);
  EXPECT_EQ(one.result.exit_code, 0) << one.result.out;
  expect_same_reports(one, many);
}

// A mock that accepts what a rule must reject: the properties fail and shrink, and the verdicts,
// counterexamples, shrink steps and case counts do not depend on the cases in flight, though more
// requests went out with 16 (those sent past the first failure are not counted).
TEST(cli_in_flight, failures_and_their_counterexamples_are_the_same_with_1_and_16_in_flight) {
  ScratchDir dir("in-flight-fault");
  MockProcess mock({"--fault", "skip-rule=auto-pay-valid"});
  const std::string flags = "--seed 21 --cases 150 " + against(mock);
  const auto one = run_with(flags, 1, dir);
  const auto many = run_with(flags, 16, dir);
  EXPECT_EQ(one.result.exit_code, 1) << one.result.out;
  int shrunk = 0;
  for (const auto& c : one.results["checks"]) {
    if (c.contains("shrink") && c.contains("counterexample"))
      ++shrunk;
  }
  EXPECT_GT(shrunk, 0) << one.result.out;
  expect_same_reports(one, many);
}

// Shrink candidates are sent ahead one level at a time; a budget that stops the search halfway
// must stop it at the same candidate whatever the cases in flight.
TEST(cli_in_flight, a_shrink_search_cut_by_its_budget_is_the_same_with_1_and_16_in_flight) {
  ScratchDir dir("in-flight-shrink-budget");
  MockProcess mock({"--fault", "skip-rule=auto-pay-valid"});
  const std::string flags = "--seed 21 --cases 150 --max-shrink-steps 2 " + against(mock);
  const auto one = run_with(flags, 1, dir);
  const auto many = run_with(flags, 16, dir);
  EXPECT_EQ(one.result.exit_code, 1) << one.result.out;
  int cut = 0;
  for (const auto& c : one.results["checks"]) {
    if (c.contains("shrink") && c["shrink"].value("stopped_by_budget", false)) {
      ++cut;
      EXPECT_EQ(c["shrink"]["steps"], 2) << c.dump(1);
    }
  }
  EXPECT_GT(cut, 0) << one.result.out;
  expect_same_reports(one, many);
}

}  // namespace
}  // namespace conform::testing
