#include "app/run_output.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/exit_codes.h"

namespace conform::app {
namespace {

std::string scrub(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& s : secrets) {
    if (s.empty())
      continue;
    for (auto pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos + 3))
      text.replace(pos, s.size(), "***");
  }
  return text;
}

nlohmann::json case_json(const suite::CaseOutcome& c) {
  nlohmann::json params = nlohmann::json::array();
  for (const auto& p : c.probe.params)
    params.push_back({{"name", p.name}, {"value", p.value}});
  nlohmann::json accepted = nlohmann::json::array();
  for (const auto& a : c.expected.accepted)
    accepted.push_back({{"http", a.http}, {"code", a.code}});
  return {{"description", c.description},
          {"style", suite::describe_style(c.probe)},
          {"params", params},
          {"expected", accepted},
          {"verdict", suite::to_string(c.judgement.verdict)},
          {"message", c.judgement.message},
          {"got", c.judgement.got ? nlohmann::json{{"http", c.judgement.got->http},
                                                   {"code", c.judgement.got->code}}
                                  : nlohmann::json(nullptr)},
          {"exchange",
           {{"method", c.exchange.method},
            {"url", c.exchange.url},
            {"request_body", c.exchange.request_body},
            {"status", c.exchange.status},
            {"response_body", c.exchange.response_body}}},
          {"replay", c.exchange.replay_command}};
}

}  // namespace

int finish_run(const suite::RunState& state, const std::string& report_dir, std::uint64_t seed,
               const std::vector<std::string>& secrets, int gtest_status) {
  const auto results = state.results();
  std::map<suite::Verdict, int> counts;
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& r : results) {
    ++counts[r.verdict];
    nlohmann::json cases = nlohmann::json::array();
    for (const auto& c : r.failures)
      cases.push_back(case_json(c));
    checks.push_back({{"kind", r.kind},
                      {"name", r.name},
                      {"spec_ref", r.spec_ref},
                      {"verdict", suite::to_string(r.verdict)},
                      {"message", r.message},
                      {"cases", r.cases},
                      {"seconds", r.seconds},
                      {"evidence", cases}});
  }
  const auto& session = const_cast<suite::RunState&>(state).session();
  nlohmann::json doc = {
      {"format", "conform-results/0"},
      {"tool", {{"name", "conform"}, {"version", CONFORM_VERSION}}},
      {"seed", seed},
      {"spec", {{"file", session.op().file}, {"sha256", session.op().sha256}}},
      {"target", {{"name", session.target().name}, {"endpoint", session.endpoint()}}},
      {"requests", session.requests_sent()},
      {"checks", checks}};
  std::error_code ec;
  std::filesystem::create_directories(report_dir, ec);
  const auto path = (std::filesystem::path(report_dir) / "results.json").string();
  std::ofstream(path) << scrub(doc.dump(2), secrets) << "\n";

  std::printf("\n%-16s %-48s %s\n", "kind", "check", "verdict");
  for (const auto& r : results) {
    std::printf("%-16s %-48s %s\n", r.kind.c_str(), r.name.c_str(),
                std::string(suite::to_string(r.verdict)).c_str());
    if (r.verdict != suite::Verdict::kPassed)
      std::printf("    %s\n", scrub(r.message, secrets).c_str());
  }
  std::printf(
      "\nconform run: %zu checks: %d passed, %d failed, %d inconclusive, %d observations, %d "
      "skipped; "
      "%d requests; seed %llu; results in %s\n",
      results.size(), counts[suite::Verdict::kPassed], counts[suite::Verdict::kFailed],
      counts[suite::Verdict::kInconclusive], counts[suite::Verdict::kObservation],
      counts[suite::Verdict::kSkipped], session.requests_sent(),
      static_cast<unsigned long long>(seed), path.c_str());
  if (counts[suite::Verdict::kFailed] > 0)
    return kExitNonConformant;
  if (gtest_status != 0)
    return kExitUsage;  // a test failed outside any check: the suite broke
  if (counts[suite::Verdict::kInconclusive] > 0)
    return kExitInconclusive;
  if (counts[suite::Verdict::kPassed] == 0) {
    std::printf("conform run: no check passed, so nothing was shown to conform\n");
    return kExitInconclusive;
  }
  return kExitConformant;
}

}  // namespace conform::app
