#include <gtest/gtest.h>

#include <filesystem>

#include "reports/report_sink.h"
#include "tests/reports/fixture.h"
#include "tests/support/run_command.h"

// Records that wrongly carry a secret go through the sink; no byte of any file it writes may hold
// the secret in any spelling, nor a signature or token value.
namespace conform::report {
namespace {

using conform::testing::make_check;
using conform::testing::make_run;
using conform::testing::read_text;
using conform::testing::ScratchDir;

constexpr const char* kSecret = "Kn0wnS3cretValue+/=xyz";
constexpr const char* kToken = "STS.Kn0wnT0ken+/=abc";
constexpr const char* kSignature = "Zm9vYmFyU2lnbmF0dXJl";

CheckResult leaky_check() {
  auto c = make_check("authentication", std::string("signs with ") + kSecret, Verdict::kFailed);
  c.message = std::string("secret was ") + kSecret + " and token " + kToken;
  c.counterexample = Counterexample{"uses the secret", {{"AccessKeySecret", kSecret}}};
  http::Exchange e;
  e.method = "POST";
  e.url = std::string("https://vpc.example.com/?Signature=") + kSignature +
          "&SecurityToken=" + kToken + "&Echo=" + "Kn0wnS3cretValue%2B%2F%3Dxyz";
  e.request_headers = {{"Authorization", std::string("ACS3-HMAC-SHA256 Credential=id,"
                                                     "SignedHeaders=host,Signature=") +
                                             kSignature},
                       {"x-acs-security-token", kToken},
                       {"X-Debug", kSecret}};
  e.request_body = std::string("Signature=") + kSignature + "&Secret=" + kSecret;
  e.status = 400;
  e.response_headers = {{"Content-Type", "application/json"}};
  e.response_body = std::string(R"({"Echo":")") + kSecret + R"(","Html":"&lt;)" + kToken + "\"}";
  e.replay_command = std::string("curl 'https://vpc.example.com/?Signature=") + kSignature + "'";
  c.exchanges.push_back(e);
  c.replay_command = std::string("ALIBABA_CLOUD_ACCESS_KEY_SECRET=") + kSecret + " conform replay";
  return c;
}

void expect_no_secret_in(const std::string& dir) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string bytes = read_text(entry.path().string());
    ++files;
    for (const char* s : {kSecret, kToken, kSignature, "Kn0wnS3cretValue%2B%2F%3Dxyz",
                          "Kn0wnS3cretValue%2b%2f%3dxyz", "STS.Kn0wnT0ken%2B%2F%3Dabc"}) {
      EXPECT_EQ(bytes.find(s), std::string::npos) << s << " in " << entry.path();
    }
    // The distinctive middle of each value, in case some writer escaped its ends.
    for (const char* s : {"Kn0wnS3cret", "Kn0wnT0ken", "U2lnbmF0dXJl"}) {
      EXPECT_EQ(bytes.find(s), std::string::npos) << s << " in " << entry.path();
    }
  }
  EXPECT_EQ(files, 3);
}

TEST(report_secrets, sink_scrubs_secrets_from_every_output_byte) {
  ScratchDir dir("secrets-sink");
  {
    ReportSink sink(dir.path(), {kSecret, kToken});
    auto run = make_run();
    run.target.endpoint = std::string("https://user:") + kSecret + "@vpc.example.com";
    sink.begin_run(run);
    sink.add(leaky_check());
    auto inconclusive = leaky_check();
    inconclusive.verdict = Verdict::kInconclusive;
    sink.add(inconclusive);
    sink.end_run(RunState::kInterrupted, std::string("stopped; secret ") + kSecret);
  }
  expect_no_secret_in(dir.path());
  // Masked, not deleted: the reader still sees that a value was there.
  const std::string json = read_text(dir.path("results.json"));
  EXPECT_NE(json.find("Signature=***"), std::string::npos);
  EXPECT_NE(json.find("\"value\": \"***\""), std::string::npos);
}

TEST(report_secrets, cli_render_scrubs_secrets_from_the_environment) {
  ScratchDir dir("secrets-cli");
  Results r;
  r.run = make_run();
  r.run.state = RunState::kFinished;
  r.checks.push_back(leaky_check());
  // Written without a scrubber, as a buggy tool might have.
  write_report_files(dir.path("in"), r, Scrubber({}), WithHtml::kNo);
  ASSERT_NE(read_text(dir.path("in/results.json")).find(kSecret), std::string::npos);
  const auto out2 = conform::testing::run_command(
      std::string("ALIBABA_CLOUD_ACCESS_KEY_SECRET='") + kSecret +
      "' ALIBABA_CLOUD_SECURITY_TOKEN='" + kToken + "' '" + CONFORM_BINARY +
      "' report render --results '" + dir.path("in/results.json") + "' --out '" + dir.path("out") +
      "'");
  ASSERT_EQ(out2.exit_code, 0) << out2.err;
  expect_no_secret_in(dir.path("out"));
}

TEST(report_secrets, short_values_are_not_treated_as_secrets) {
  const Scrubber s({"", "ab", kSecret});
  EXPECT_EQ(s.text("ab cd"), "ab cd");
  EXPECT_EQ(s.text(std::string("x") + kSecret + "y"), "x***y");
  EXPECT_TRUE(s.leaks(std::string("..") + "Kn0wnS3cretValue%2B%2F%3Dxyz"));
}

}  // namespace
}  // namespace conform::report
