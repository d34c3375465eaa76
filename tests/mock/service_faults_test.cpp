// One switch per contract rule makes the mock break it; transport faults hit a share of requests.
#include "tests/mock/mock_fixture.h"

namespace conform::mock {
namespace {

class FaultyMock : public MockTest {
 protected:
  void SetUp() override {}
  void start_with(const std::vector<std::string>& faults) {
    ServiceOptions o;
    o.faults = parse_faults(faults, *occupancy_spec());
    start(o);
  }
};

TEST_F(FaultyMock, skip_rule_accepts_what_the_rule_rejects) {
  start_with({"skip-rule=period-valid"});
  auto params = valid_params();
  params[2].value = "99";
  EXPECT_EQ(call(params).status, 200);
}

TEST_F(FaultyMock, wrong_code_answers_a_code_the_outcome_does_not_accept) {
  start_with({"wrong-code=circuit-exists"});
  const auto e = call(valid_params("pc-nope"));
  const auto code = body(e)["Code"].get<std::string>();
  EXPECT_NE(code, "InvalidPhysicalConnectionId.NotFound");
  EXPECT_NE(code, "Abs.InstanceNotExist");
}

TEST_F(FaultyMock, wrong_status_keeps_the_code) {
  start_with({"wrong-status=circuit-complete"});
  const auto e = call(valid_params("pc-mock-enabled"));
  EXPECT_EQ(body(e)["Code"], "Forbidden.NotAllowedInState");
  EXPECT_EQ(e.status, 404);
}

TEST_F(FaultyMock, server_error_answers_a_rules_breach_with_the_catalogues_500) {
  start_with({"server-error=region-present"});
  auto params = valid_params();
  params.erase(params.begin());  // RegionId
  const auto e = call(params);
  EXPECT_EQ(e.status, 500);
  EXPECT_EQ(body(e)["Code"], "InternalError");
  // Other rules answer as the contract says.
  EXPECT_EQ(body(call(valid_params("pc-nope")))["Code"], "InvalidPhysicalConnectionId.NotFound");
}

TEST_F(FaultyMock, drop_field_and_wrong_content_type) {
  start_with({"drop-field=Data.OrderId", "wrong-content-type"});
  const auto e = call(valid_params());
  ASSERT_EQ(e.status, 200);
  EXPECT_FALSE(body(e)["Data"].contains("OrderId"));
  EXPECT_EQ(header(e, "content-type"), "text/xml;charset=utf-8");
}

TEST_F(FaultyMock, ignore_client_token_creates_duplicates) {
  start_with({"ignore-client-token"});
  auto params = valid_params();
  params.push_back({"ClientToken", "t"});
  EXPECT_NE(body(call(params))["Data"]["OrderId"], body(call(params))["Data"]["OrderId"]);
}

TEST_F(FaultyMock, skip_signature_accepts_a_wrong_secret) {
  start_with({"skip-signature"});
  auto creds = test_credentials();
  creds.access_key_secret = "wrong";
  EXPECT_EQ(send(build(valid_params(), options(), creds)).status, 200);
}

TEST_F(FaultyMock, error_and_throttle_rates) {
  start_with({"error-rate=1"});
  auto e = call(valid_params());
  EXPECT_EQ(e.status, 503);
  EXPECT_EQ(body(e)["Code"], "ServiceUnavailable");
  mock_->service().set_faults(parse_faults({"throttle-rate=1"}, *op_));
  e = call(valid_params());
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(body(e)["Code"], "Throttling");
}

TEST_F(FaultyMock, dropped_and_malformed_answers_are_transport_errors) {
  start_with({"drop-rate=1"});
  auto e = call(valid_params());
  EXPECT_TRUE(e.error.has_value());
  mock_->service().set_faults(parse_faults({"malformed-rate=1"}, *op_));
  e = call(valid_params());
  ASSERT_TRUE(e.error.has_value());
  EXPECT_EQ(e.error->kind, conform::http::TransportErrorKind::kBodyIncomplete);
}

TEST_F(FaultyMock, latency_delays_the_answer) {
  start_with({"latency=150"});
  const auto before = std::chrono::steady_clock::now();
  EXPECT_EQ(call(valid_params()).status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(150));
}

TEST(parse_faults, bad_switches_name_themselves) {
  const auto& op = *occupancy_spec();
  for (const char* bad : {"skip-rule=nope", "error-rate=2", "latency=-1", "drop-field=Data.Nope",
                          "frobnicate", "error-rate"}) {
    try {
      parse_faults({bad}, op);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(std::string(bad).substr(0, std::string(bad).find('='))),
                std::string::npos)
          << e.what();
    }
  }
}

}  // namespace
}  // namespace conform::mock
