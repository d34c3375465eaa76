// The mock answers as the spec says: success shape, the first broken rule's outcome, formats.
#include <regex>

#include "core/text/ascii.h"
#include "tests/mock/mock_fixture.h"

namespace conform::mock {
namespace {

using client::ParamsIn;
using client::SignatureVersion;

const std::regex kUuid("^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$");

TEST_F(MockTest, valid_call_returns_the_spec_success_shape) {
  const auto e = call(valid_params());
  ASSERT_FALSE(e.error) << e.error->message;
  ASSERT_EQ(e.status, 200) << e.response_body;
  EXPECT_EQ(header(e, "content-type"), "application/json;charset=utf-8");
  const auto b = body(e);
  EXPECT_TRUE(std::regex_match(b["RequestId"].get<std::string>(), kUuid));
  EXPECT_EQ(header(e, "x-acs-request-id"), b["RequestId"]);
  EXPECT_TRUE(
      std::regex_match(b["Data"]["OrderId"].get<std::string>(), std::regex("^[1-9][0-9]{14}$")));
  EXPECT_EQ(mock_->service().state().created().size(), 1u);
}

TEST_F(MockTest, every_signing_style_is_accepted) {
  struct Style {
    SignatureVersion v;
    std::string method;
    ParamsIn in;
  };
  for (const auto& s : {Style{SignatureVersion::kV1, "GET", ParamsIn::kQuery},
                        Style{SignatureVersion::kV1, "POST", ParamsIn::kQuery},
                        Style{SignatureVersion::kV1, "POST", ParamsIn::kBody},
                        Style{SignatureVersion::kV1, "POST", ParamsIn::kSplit},
                        Style{SignatureVersion::kV3, "POST", ParamsIn::kQuery},
                        Style{SignatureVersion::kV3, "GET", ParamsIn::kQuery},
                        Style{SignatureVersion::kV3, "POST", ParamsIn::kBody}}) {
    auto o = options(s.v, s.method);
    o.params_in = s.in;
    auto params = valid_params();
    params.push_back({"ClientToken", "x y+z*~/中=&!'()%20😀"});
    const auto e = call(params, o);
    EXPECT_EQ(e.status, 200) << s.method << " " << static_cast<int>(s.in) << ": "
                             << e.response_body;
  }
}

TEST_F(MockTest, xml_is_returned_for_format_xml_in_any_case) {
  for (const char* format : {"XML", "xml", "Xml"}) {
    auto o = options();
    o.format = format;
    const auto e = call(valid_params(), o);
    ASSERT_EQ(e.status, 200) << e.response_body;
    EXPECT_EQ(header(e, "content-type"), "text/xml;charset=utf-8");
    EXPECT_NE(e.response_body.find("<CreatePhysicalConnectionOccupancyOrderResponse><RequestId>"),
              std::string::npos)
        << e.response_body;
    EXPECT_NE(
        e.response_body.find("</OrderId></Data></CreatePhysicalConnectionOccupancyOrderResponse>"),
        std::string::npos);
  }
}

TEST_F(MockTest, missing_required_parameter) {
  auto params = valid_params();
  params.erase(params.begin());  // RegionId
  const auto e = call(params);
  EXPECT_EQ(e.status, 400);
  const auto b = body(e);
  EXPECT_EQ(b["Code"], "MissingParameter");
  EXPECT_EQ(b["Message"],
            "The input parameter \"RegionId\" that is mandatory for processing this request is not "
            "supplied.");
}

TEST_F(MockTest, period_range_follows_pricing_cycle) {
  auto params = valid_params();
  params[2].value = "6";
  params[3].value = "Year";
  auto e = call(params);
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(body(e)["Code"], "InvalidPhysicalConnectionPeriod.Malformed");
  params[3].value = "Month";
  e = call(params);
  EXPECT_EQ(e.status, 200) << e.response_body;
}

TEST_F(MockTest, unknown_circuit_and_each_wrong_state) {
  auto e = call(valid_params("pc-does-not-exist"));
  EXPECT_EQ(e.status, 404);
  EXPECT_EQ(body(e)["Code"], "InvalidPhysicalConnectionId.NotFound");
  for (const auto& s : op_->find_resource("circuit")->states) {
    if (s.name == "Complete")
      continue;
    const std::string id = "pc-mock-" + text::to_lower(s.name);
    e = call(valid_params(id));
    EXPECT_EQ(e.status, 400) << s.name;
    EXPECT_EQ(body(e)["Code"], "Forbidden.NotAllowedInState") << s.name;
  }
  EXPECT_TRUE(mock_->service().state().created().empty());
}

TEST_F(MockTest, error_body_is_complete_and_matches_the_request_id_header) {
  const auto e = call(valid_params("pc-does-not-exist"));
  const auto b = body(e);
  for (const char* field : {"RequestId", "HostId", "Code", "Message", "Recommend"}) {
    EXPECT_TRUE(b.contains(field)) << field;
  }
  EXPECT_EQ(b["RequestId"], header(e, "x-acs-request-id"));
  EXPECT_EQ(b["HostId"], "127.0.0.1");
  EXPECT_EQ(b["Recommend"],
            "https://api.aliyun.com/"
            "troubleshoot?q=InvalidPhysicalConnectionId.NotFound&product=Vpc&requestId=" +
                b["RequestId"].get<std::string>());
}

TEST_F(MockTest, xml_errors_use_the_error_root) {
  auto o = options();
  o.format = "XML";
  const auto e = call(valid_params("pc-does-not-exist"), o);
  EXPECT_EQ(e.status, 404);
  EXPECT_EQ(header(e, "content-type"), "text/xml;charset=utf-8");
  EXPECT_NE(e.response_body.find("<Error><RequestId>"), std::string::npos) << e.response_body;
  EXPECT_NE(e.response_body.find("<Code>InvalidPhysicalConnectionId.NotFound</Code>"),
            std::string::npos);
}

TEST_F(MockTest, wrong_action_and_version) {
  auto o = options();
  o.action = "DeleteEverything";
  auto e = call(valid_params(), o);
  EXPECT_EQ(e.status, 404);
  EXPECT_EQ(body(e)["Code"], "InvalidAction.NotFound");
  o = options();
  o.version = "2014-01-01";
  e = call(valid_params(), o);
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(body(e)["Code"], "InvalidVersion");
}

TEST_F(MockTest, non_boolean_auto_pay_is_an_invalid_parameter) {
  auto params = valid_params();
  params[4].value = "maybe";
  const auto e = call(params);
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(body(e)["Code"], "InvalidParameter");
}

class SecondOperationMock : public MockTest {
 protected:
  void SetUp() override {
    start({}, spec::load_operation(conform::testing::source_path(
                  "tests/data/second-operation/EnablePhysicalConnection.json")));
  }
};

TEST_F(SecondOperationMock, serves_another_spec_with_no_code_change) {
  auto o = options(SignatureVersion::kV3);
  auto e = call({{"RegionId", "r"}, {"PhysicalConnectionId", "circuit-mock-confirmed"}}, o);
  EXPECT_EQ(e.status, 200) << e.response_body;
  EXPECT_TRUE(body(e).contains("RequestId"));
  e = call({{"RegionId", "r"}, {"PhysicalConnectionId", "circuit-mock-enabled"}}, o);
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(body(e)["Code"], "Forbidden.NotAllowedInState");
}

}  // namespace
}  // namespace conform::mock
