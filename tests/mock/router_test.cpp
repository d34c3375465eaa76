// One mock, several operations: each call reaches the spec its Action names, an unknown Action is
// answered as the common spec documents, and a nonce is spent for every operation at once.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/mock/mock_fixture.h"
#include "tests/support/spec_copies.h"

namespace conform::mock {
namespace {

using conform::testing::ScratchDir;

class RouterTest : public MockTest {
 protected:
  void SetUp() override {
    twin_ = spec::load_operation(
        conform::testing::write_seed_copy(dir_.path(), occupancy_spec()->action + "Twin"));
    KeyStore keys;
    keys.add({std::string(kTestAccessKeyId), std::string(kTestAccessKeySecret), std::nullopt});
    std::vector<ServedOperation> served;
    served.push_back({occupancy_spec(), default_fixtures(*occupancy_spec()), {}});
    served.push_back({twin_, default_fixtures(*twin_), {}});
    ServiceOptions options;
    options.control_api = true;
    op_ = occupancy_spec();
    mock_ = std::make_unique<EmbeddedMock>(std::move(served), keys, options);
    mock_->start();
  }

  // The answers the common spec accepts when a rule of `check` is broken.
  std::vector<spec::Answer> answers_for(spec::Check check) const {
    for (const auto& rule : op_->rules) {
      if (rule.check == check)
        return op_->outcome_of(rule).accept;
    }
    return {};
  }

  static bool accepted(const std::vector<spec::Answer>& answers, const conform::http::Exchange& e) {
    const auto code = body(e).value("Code", "");
    return std::any_of(answers.begin(), answers.end(),
                       [&](const spec::Answer& a) { return a.http == e.status && a.code == code; });
  }

  ScratchDir dir_{"router"};
  std::shared_ptr<const spec::Operation> twin_;
};

TEST_F(RouterTest, each_action_reaches_its_own_spec) {
  auto o = options();
  EXPECT_EQ(call(valid_params(), o).status, 200);
  o.action = twin_->action;
  const auto e = call(valid_params(), o);
  EXPECT_EQ(e.status, 200) << e.response_body;
  // Each operation keeps its own records.
  EXPECT_EQ(mock_->router().find(op_->action)->state().created().size(), 1u);
  EXPECT_EQ(mock_->router().find(twin_->action)->state().created().size(), 1u);
}

TEST_F(RouterTest, an_unknown_action_gets_the_common_specs_answer) {
  const auto expected = answers_for(spec::Check::kAction);
  ASSERT_FALSE(expected.empty());
  auto o = options();
  o.action = op_->action + "Nowhere";
  const auto e = call(valid_params(), o);
  EXPECT_TRUE(accepted(expected, e)) << e.status << " " << e.response_body;
}

TEST_F(RouterTest, a_nonce_spent_on_one_operation_is_spent_on_all) {
  auto o = options();
  o.nonce = "router-test-nonce";
  EXPECT_EQ(call(valid_params(), o).status, 200);
  o.action = twin_->action;
  const auto e = call(valid_params(), o);
  EXPECT_TRUE(accepted(answers_for(spec::Check::kNonceUnique), e))
      << e.status << " " << e.response_body;
}

TEST_F(RouterTest, the_control_api_is_per_operation) {
  auto o = options();
  o.action = twin_->action;
  ASSERT_EQ(call(valid_params(), o).status, 200);
  client::Transport plain;
  auto get = [&](const std::string& path) {
    client::Request r;
    const auto endpoint = client::parse_endpoint(mock_->url());
    r.method = "GET";
    r.scheme = endpoint.scheme;
    r.host = endpoint.host;
    r.pathname = path;
    return plain.send(r);
  };
  const auto twin_records = get("/__conform/operations/" + twin_->action + "/records");
  EXPECT_EQ(nlohmann::json::parse(twin_records.response_body).size(), 1u);
  const auto seed_records = get("/__conform/operations/" + op_->action + "/records");
  EXPECT_EQ(nlohmann::json::parse(seed_records.response_body).size(), 0u);
  const auto list = nlohmann::json::parse(get("/__conform/operations").response_body);
  EXPECT_EQ(list, nlohmann::json::array({op_->action, twin_->action}));
  // The plain path does not guess which operation is meant.
  EXPECT_EQ(get("/__conform/records").status, 404);
}

}  // namespace
}  // namespace conform::mock
