// The judge's verdicts on server errors, partly settled outcomes and error bodies, each with its
// message written out as a reader of the report sees it.
#include "suites/judge.h"

#include <gtest/gtest.h>

#include "core/spec/loader.h"
#include "tests/support/seed_operation.h"
#include "tests/support/test_paths.h"

namespace conform::suite {
namespace {

const spec::Operation& op() {
  return conform::testing::seed_operation();
}

const spec::Rule& rule(const std::string& id) {
  for (const auto& r : op().rules) {
    if (r.id == id)
      return r;
  }
  throw std::runtime_error("no rule " + id);
}

constexpr const char* kRequestId = "9B9300FE-11E2-4E3B-949C-BED3B44DD26D";

http::Exchange answer(int status, const std::string& code, const std::string& request_id_header) {
  http::Exchange e;
  e.status = status;
  e.response_headers = {{"Content-Type", "application/json;charset=utf-8"},
                        {"x-acs-request-id", request_id_header}};
  e.response_body = std::string(R"({"RequestId":")") + kRequestId +
                    R"(","HostId":"vpc.aliyuncs.com","Code":")" + code + R"(","Message":"m"})";
  return e;
}

http::Exchange accepted() {
  http::Exchange e;
  e.status = 200;
  e.response_headers = {{"Content-Type", "application/json;charset=utf-8"},
                        {"x-acs-request-id", kRequestId}};
  e.response_body =
      std::string(R"({"RequestId":")") + kRequestId + R"(","Data":{"OrderId":"501870558950000"}})";
  return e;
}

TEST(judge, a_server_error_after_retries_fails) {
  const auto j = judge(op(), "JSON", Expectation::rejection(op(), rule("region-present")),
                       answer(500, "InternalError", kRequestId));
  EXPECT_EQ(j.verdict, report::Verdict::kFailed);
  EXPECT_EQ(j.message, "server error 500 InternalError \"m\" (after retries)");
  // A valid request meets the same verdict: the server's failure is never the request's.
  EXPECT_EQ(
      judge(op(), "JSON", Expectation::success(), answer(502, "BadGateway", kRequestId)).message,
      "server error 502 BadGateway \"m\" (after retries)");
}

TEST(judge, unavailability_after_retries_is_inconclusive) {
  const auto j =
      judge(op(), "JSON", Expectation::success(), answer(503, "ServiceUnavailable", kRequestId));
  EXPECT_EQ(j.verdict, report::Verdict::kInconclusive);
  EXPECT_EQ(j.message, "service unavailable: 503 ServiceUnavailable \"m\" (after retries)");
  const auto throttled =
      judge(op(), "JSON", Expectation::success(), answer(400, "Throttling", kRequestId));
  EXPECT_EQ(throttled.verdict, report::Verdict::kInconclusive);
  EXPECT_EQ(throttled.message, "transient answer 400 Throttling \"m\" (after retries)");
}

TEST(judge, a_partly_settled_rejection_with_an_undocumented_code_is_an_observation) {
  const auto expected = Expectation::rejection(op(), rule("auto-pay-valid"));
  EXPECT_FALSE(expected.settled);
  EXPECT_TRUE(expected.rejection_settled);
  const auto j = judge(op(), "JSON", expected, answer(400, "InvalidAutoPay.Malformed", kRequestId));
  EXPECT_EQ(j.verdict, report::Verdict::kObservation);
  EXPECT_EQ(j.message,
            "rule auto-pay-valid: expected 400 InvalidParameter, got 400 "
            "InvalidAutoPay.Malformed \"m\"");
  EXPECT_EQ(judge(op(), "JSON", expected, answer(400, "InvalidParameter", kRequestId)).verdict,
            report::Verdict::kPassed);
}

TEST(judge, accepting_a_value_of_the_wrong_type_fails) {
  const auto j =
      judge(op(), "JSON", Expectation::rejection(op(), rule("auto-pay-valid")), accepted());
  EXPECT_EQ(j.verdict, report::Verdict::kFailed);
  EXPECT_EQ(j.message, "accepted a request that breaks rule auto-pay-valid (expected a rejection)");
  // An outcome that settles nothing still observes a 2xx.
  const auto open =
      judge(op(), "JSON", Expectation::rejection(op(), rule("security-token-valid")), accepted());
  EXPECT_EQ(open.verdict, report::Verdict::kObservation);
}

TEST(judge, an_error_body_defect_fails_a_rejection_with_its_own_message) {
  const auto expected = Expectation::rejection(op(), rule("region-present"));
  EXPECT_EQ(judge(op(), "JSON", expected, answer(400, "MissingRegionId", kRequestId)).verdict,
            report::Verdict::kPassed);
  const auto j = judge(op(), "JSON", expected,
                       answer(400, "MissingRegionId", "0A1B2C3D-0000-4000-8000-000000000000"));
  EXPECT_EQ(j.verdict, report::Verdict::kFailed);
  EXPECT_EQ(j.message,
            "rule region-present: the error body breaks the contract: RequestId "
            "\"9B9300FE-11E2-4E3B-949C-BED3B44DD26D\" differs from the x-acs-request-id header "
            "\"0A1B2C3D-0000-4000-8000-000000000000\" (got 400 MissingRegionId \"m\")");
  auto no_host = answer(400, "MissingRegionId", kRequestId);
  no_host.response_body = std::string(R"({"RequestId":")") + kRequestId +
                          R"(","Code":"MissingRegionId","Message":"m"})";
  EXPECT_EQ(judge(op(), "JSON", expected, no_host).message,
            "rule region-present: the error body breaks the contract: HostId is missing (got 400 "
            "MissingRegionId \"m\")");
  auto wrong_type = answer(400, "MissingRegionId", kRequestId);
  wrong_type.response_headers[0].value = "text/html";
  EXPECT_EQ(judge(op(), "JSON", expected, wrong_type).message,
            "rule region-present: the error body breaks the contract: Content-Type \"text/html\" "
            "for JSON: text/html is not listed (accepted: application/json;charset=utf-8, "
            "application/json) (got 400 MissingRegionId \"m\")");
}

}  // namespace
}  // namespace conform::suite
