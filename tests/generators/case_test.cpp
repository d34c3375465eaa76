// A case as a report shows it, and how envelopes place its parameters.
#include "generators/case.h"

#include <gtest/gtest.h>

#include <sstream>

#include "generators/compose.h"
#include "generators/envelope.h"
#include "generators/systematic.h"
#include "tests/generators/test_specs.h"

namespace conform::gen {
namespace {

TEST(generator_case, describe_is_one_line_with_every_parameter_quoted) {
  Case c;
  c.kind = CaseKind::kInvalid;
  c.description = "Period=6 with PricingCycle=Year";
  c.method = Method::kPost;
  c.placement = Placement::kSplit;
  c.signature = spec::SignatureScheme::kV3;
  c.format = ResponseFormat::kXml;
  c.rule_id = "period-valid";
  c.settled = false;
  c.params = {{"Period", "6", spec::Location::kQuery},
              {"PricingCycle", "Year", spec::Location::kBody},
              {"ClientToken", "a \"b\"\n", spec::Location::kQuery}};
  EXPECT_EQ(describe(c),
            "[invalid, unsettled] Period=6 with PricingCycle=Year | POST split V3 XML | breaks "
            "period-valid | Period=\"6\" PricingCycle=\"Year\"(body) ClientToken=\"a "
            "\\\"b\\\"\\x0A\"");
  std::ostringstream os;
  os << c;
  EXPECT_EQ(os.str(), describe(c));
}

TEST(generator_case, describe_names_tamper_and_token_reuse) {
  Case c;
  c.description = "x";
  c.tamper = Tamper::kChangedAfterSigning;
  c.reuse = TokenReuse::kDifferentRequest;
  c.reuse_params = {{"A", "1", spec::Location::kQuery}};
  const auto text = describe(c);
  EXPECT_NE(text.find("tamper: parameter changed after signing"), std::string::npos) << text;
  EXPECT_NE(text.find("token reused, different request"), std::string::npos) << text;
  EXPECT_NE(text.find("then: A=\"1\""), std::string::npos) << text;
}

TEST(generator_case, envelopes_follow_the_transport) {
  // GET query + POST query/body/split = 4, x V1/V3 with JSON = 8, plus XML with V1 only (the format
  // parameter travels in V1 alone) = 4.
  const auto all = envelopes(*testing::occupancy_order());
  EXPECT_EQ(all.size(), 12u);
  for (const auto& e : all) {
    EXPECT_FALSE(e.format == ResponseFormat::kXml && e.signature == spec::SignatureScheme::kV3);
  }
  const auto second = envelopes(*testing::enable_circuit());
  ASSERT_EQ(second.size(), 3u);  // POST only, V3 only, JSON only: three placements
  for (const auto& e : second) {
    EXPECT_EQ(e.method, Method::kPost);
    EXPECT_EQ(e.format, ResponseFormat::kJson);
  }
}

TEST(generator_case, split_placement_alternates_query_and_body) {
  Case c;
  c.params = {{"RegionId", "r", spec::Location::kQuery},
              {"PhysicalConnectionId", "p", spec::Location::kQuery},
              {"Period", "1", spec::Location::kQuery}};
  apply_envelope(
      *testing::occupancy_order(),
      {Method::kPost, Placement::kSplit, spec::SignatureScheme::kV1, ResponseFormat::kJson}, c);
  EXPECT_EQ(c.params[0].location, spec::Location::kQuery);
  EXPECT_EQ(c.params[1].location, spec::Location::kBody);
  EXPECT_EQ(c.params[2].location, spec::Location::kQuery);
  apply_envelope(
      *testing::occupancy_order(),
      {Method::kGet, Placement::kQuery, spec::SignatureScheme::kV3, ResponseFormat::kXml}, c);
  for (const auto& p : c.params)
    EXPECT_EQ(p.location, spec::Location::kQuery);
  EXPECT_EQ(c.signature, spec::SignatureScheme::kV3);
  EXPECT_EQ(c.format, ResponseFormat::kXml);
}

}  // namespace
}  // namespace conform::gen

namespace conform::gen {
namespace {

TEST(generator_case, a_secret_parameter_is_never_printed) {
  auto op = *testing::occupancy_order();
  for (auto& p : op.parameters) {
    if (p.name == "ClientToken")
      p.secret = true;
  }
  const auto set = all_cases(op, testing::occupancy_fixtures());
  std::size_t with_secret = 0;
  for (const auto& c : set.cases) {
    const auto text = describe(c);
    for (const auto& p : c.params) {
      if (p.name != "ClientToken")
        continue;
      ++with_secret;
      EXPECT_TRUE(p.secret);
      EXPECT_EQ(text.find("ClientToken=\""), std::string::npos) << text;
      EXPECT_NE(text.find("ClientToken=<secret>"), std::string::npos) << text;
      if (!p.value.empty()) {
        EXPECT_EQ(text.find(p.value), std::string::npos) << text;
      }
    }
  }
  EXPECT_GT(with_secret, 10u);
}

// The spec lists RegionId, PhysicalConnectionId, Period, InstanceChargeType, AutoPay, ... in this
// order; names it does not list go last, and repeated or unknown names keep their order.
TEST(generator_case, params_sort_in_the_order_the_spec_lists_them) {
  std::vector<Param> params = {{"Unknown1", "u1"},          {"AutoPay", "true"}, {"Period", "1"},
                               {"RegionId", "cn-hangzhou"}, {"Unknown2", "u2"},  {"Period", "2"}};
  sort_in_spec_order(*testing::occupancy_order(), params);
  std::vector<std::string> order;
  for (const auto& p : params)
    order.push_back(p.name + "=" + p.value);
  EXPECT_EQ(order, (std::vector<std::string>{"RegionId=cn-hangzhou", "Period=1", "Period=2",
                                             "AutoPay=true", "Unknown1=u1", "Unknown2=u2"}));
  std::vector<Param> sorted = params;
  sort_in_spec_order(*testing::occupancy_order(), sorted);
  EXPECT_EQ(sorted, params);
}

}  // namespace
}  // namespace conform::gen
