// State: idempotent orders, concurrent duplicates, and the control API.
#include <thread>

#include "core/sign/percent.h"
#include "mock/faults.h"
#include "tests/mock/mock_fixture.h"

namespace conform::mock {
namespace {

TEST_F(MockTest, same_client_token_and_parameters_give_the_same_order) {
  auto params = valid_params();
  params.push_back({"ClientToken", "token-1"});
  const auto first = call(params);
  const auto second = call(params);
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(body(first)["Data"]["OrderId"], body(second)["Data"]["OrderId"]);
  EXPECT_NE(body(first)["RequestId"], body(second)["RequestId"]);
  EXPECT_EQ(mock_->service().state().created().size(), 1u);
}

TEST_F(MockTest, same_client_token_with_other_parameters_is_a_mismatch) {
  auto params = valid_params();
  params.push_back({"ClientToken", "token-2"});
  ASSERT_EQ(call(params).status, 200);
  params[2].value = "2";
  const auto e = call(params);
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(body(e)["Code"], "IdempotentParameterMismatch");
  EXPECT_EQ(mock_->service().state().created().size(), 1u);
}

TEST_F(MockTest, without_a_token_every_call_creates_an_order) {
  call(valid_params());
  call(valid_params());
  EXPECT_EQ(mock_->service().state().created().size(), 2u);
}

TEST_F(MockTest, concurrent_duplicates_create_exactly_one_order) {
  std::vector<std::thread> threads;
  std::vector<std::string> order_ids(16);
  for (std::size_t i = 0; i < order_ids.size(); ++i) {
    threads.emplace_back([&, i] {
      client::Transport transport(no_retries());
      auto params = valid_params();
      params.push_back({"ClientToken", "raced-token"});
      const auto e = transport.send(build(params, options()));
      if (e.status == 200)
        order_ids[i] = nlohmann::json::parse(e.response_body)["Data"]["OrderId"];
    });
  }
  for (auto& t : threads)
    t.join();
  for (const auto& id : order_ids)
    EXPECT_EQ(id, order_ids[0]);
  EXPECT_FALSE(order_ids[0].empty());
  EXPECT_EQ(mock_->service().state().created().size(), 1u);
}

class ControlMock : public MockTest {
 protected:
  void SetUp() override {
    ServiceOptions o;
    o.control_api = true;
    start(o);
  }
  conform::http::Exchange control(const std::string& method, const std::string& path,
                                  const std::string& body_text = "") {
    client::Request r;
    r.method = method;
    const auto endpoint = client::parse_endpoint(mock_->url());
    r.scheme = endpoint.scheme;
    r.host = endpoint.host;
    const auto q = path.find('?');
    r.pathname = path.substr(0, q);
    if (q != std::string::npos) {
      r.query = sign::parse_params(path.substr(q + 1), sign::PlusIs::kSpace).params;
    }
    r.body = body_text;
    return send(r);
  }
};

// A run asks for one token's records: the others (thousands in a long run) are not listed.
TEST_F(ControlMock, records_can_be_listed_for_one_client_token) {
  for (const std::string token : {"token-a", "token-b", "token-a"}) {
    auto params = valid_params();
    params.push_back({"ClientToken", token});
    ASSERT_EQ(call(params).status, 200);
  }
  ASSERT_EQ(call(valid_params()).status, 200);
  const auto all = nlohmann::json::parse(control("GET", "/__conform/records").response_body);
  EXPECT_EQ(all.size(), 3u);  // token-a once, token-b, and the call without a token
  const auto a = nlohmann::json::parse(
      control("GET", "/__conform/records?client_token=token-a").response_body);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0]["client_token"], "token-a");
  const auto none = nlohmann::json::parse(
      control("GET", "/__conform/records?client_token=token-c").response_body);
  EXPECT_TRUE(none.empty());
}

TEST_F(ControlMock, changing_a_circuit_state_changes_the_answer) {
  EXPECT_EQ(body(call(valid_params("pc-mock-enabled")))["Code"], "Forbidden.NotAllowedInState");
  EXPECT_EQ(
      control("POST", "/__conform/resources?resource=circuit&id=pc-mock-enabled&state=Complete")
          .status,
      200);
  EXPECT_EQ(call(valid_params("pc-mock-enabled")).status, 200);
  const auto records = nlohmann::json::parse(control("GET", "/__conform/records").response_body);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["params"]["PhysicalConnectionId"], "pc-mock-enabled");
  EXPECT_EQ(records[0]["kind"], "order");
  EXPECT_EQ(control("POST", "/__conform/reset").status, 200);
  EXPECT_TRUE(nlohmann::json::parse(control("GET", "/__conform/records").response_body).empty());
  EXPECT_EQ(body(call(valid_params("pc-mock-enabled")))["Code"], "Forbidden.NotAllowedInState");
}

TEST_F(ControlMock, bad_control_requests_are_refused_clearly) {
  auto e = control("POST", "/__conform/resources?resource=circuit&id=x&state=Bogus");
  EXPECT_EQ(e.status, 400);
  EXPECT_NE(e.response_body.find("has no state \\\"Bogus\\\""), std::string::npos)
      << e.response_body;
  e = control("POST", "/__conform/faults", "[\"skip-rule=no-such-rule\"]");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(control("GET", "/__conform/nothing").status, 404);
}

TEST_F(ControlMock, faults_can_be_set_at_run_time) {
  ASSERT_EQ(control("POST", "/__conform/faults",
                    "[\"skip-rule=circuit-exists\", \"skip-rule=circuit-complete\"]")
                .status,
            200);
  EXPECT_EQ(call(valid_params("pc-anything")).status, 200);
  ASSERT_EQ(control("POST", "/__conform/faults", "[]").status, 200);
  EXPECT_EQ(call(valid_params("pc-anything")).status, 404);
}

TEST_F(MockTest, control_api_is_off_by_default) {
  client::Request r;
  const auto endpoint = client::parse_endpoint(mock_->url());
  r.method = "GET";
  r.scheme = endpoint.scheme;
  r.host = endpoint.host;
  r.pathname = "/__conform/records";
  const auto e = send(r);
  // An ordinary call then, without an Action: the mock gives the first answer the spec accepts.
  EXPECT_NE(e.status, 200);
  EXPECT_EQ(body(e)["Code"], "MissingParameter");
}

}  // namespace
}  // namespace conform::mock
