#include <gtest/gtest.h>

#include "core/sign/percent.h"
#include "core/sign/v1.h"
#include "tests/core/sign/vectors.h"

namespace conform::sign {
namespace {

std::vector<nlohmann::json> v1_vectors() {
  std::vector<nlohmann::json> out;
  for (const auto& v : test::signature_vectors().at("vectors")) {
    if (v.at("id").get<std::string>().starts_with("v1-")) {
      out.push_back(v);
    }
  }
  return out;
}

TEST(v1_vectors, there_are_five) {
  EXPECT_EQ(v1_vectors().size(), 5u);
}

TEST(v1_vectors, every_intermediate_matches_the_sdk) {
  for (const auto& v : v1_vectors()) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const auto& in = v.at("inputs");
    const auto secret = in.at("access_key_secret").get<std::string>();
    const Params params = test::params_from_object(in.at("all_signed_params"));
    const v1::Signed s = v1::sign(in.at("http_method").get<std::string>(), params, secret);
    EXPECT_EQ(s.canonicalized_query_string, v.at("canonicalized_query_string"));
    EXPECT_EQ(s.string_to_sign, v.at("string_to_sign"));
    EXPECT_EQ(secret + "&", v.at("hmac_key"));
    EXPECT_EQ(s.signature, v.at("signature"));
    EXPECT_EQ(percent_encode(s.signature), v.at("signature_percent_encoded"));
  }
}

// What the mock does: decode the raw wire (query and form body, SDK-specific escaping), merge,
// and re-sign. Passing proves decoding + canonicalisation, not just the signer.
TEST(v1_vectors, verify_from_the_raw_wire_request) {
  for (const auto& v : v1_vectors()) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const auto& wire = v.at("wire");
    const auto line = wire.at("request_line").get<std::string>();
    const auto method = line.substr(0, line.find(' '));
    const auto target = line.substr(method.size() + 1, line.rfind(' ') - method.size() - 1);
    const auto q = target.find('?');
    Params all;
    if (q != std::string::npos) {
      const ParsedParams query = parse_params(target.substr(q + 1), PlusIs::kSpace);
      ASSERT_TRUE(query.ok());
      all = query.params;
    }
    const ParsedParams body = parse_params(wire.at("body").get<std::string>(), PlusIs::kSpace);
    ASSERT_TRUE(body.ok());
    all.insert(all.end(), body.params.begin(), body.params.end());
    std::string presented;
    for (const auto& p : all) {
      if (p.name == v1::kSignatureParam) {
        presented = p.value;
      }
    }
    EXPECT_EQ(presented, v.at("signature"));
    EXPECT_TRUE(v1::verify(method, all, "testsecret", presented));
    EXPECT_FALSE(v1::verify(method, all, "testsecreT", presented));
    const std::string other_method = method == "GET" ? "POST" : "GET";
    EXPECT_FALSE(v1::verify(other_method, all, "testsecret", presented));
  }
}

TEST(v1_sign, one_changed_character_in_any_param_changes_the_signature) {
  const nlohmann::json in = v1_vectors().front().at("inputs");
  const Params params = test::params_from_object(in.at("all_signed_params"));
  const std::string base = v1::sign("POST", params, "testsecret").signature;
  for (std::size_t i = 0; i < params.size(); ++i) {
    Params changed = params;
    changed[i].value += "x";
    EXPECT_NE(v1::sign("POST", changed, "testsecret").signature, base) << params[i].name;
    changed = params;
    changed[i].name[0] = static_cast<char>(changed[i].name[0] ^ 0x20);
    EXPECT_NE(v1::sign("POST", changed, "testsecret").signature, base) << params[i].name;
  }
}

TEST(v1_sign, signature_param_is_excluded_and_param_order_is_irrelevant) {
  Params params{{"B", "2"}, {"A", "1"}};
  const std::string base = v1::sign("GET", params, "k").signature;
  params.push_back({"Signature", "whatever"});
  std::swap(params[0], params[1]);
  EXPECT_EQ(v1::sign("GET", params, "k").signature, base);
}

TEST(v1_sign, security_token_is_signed_like_any_param) {
  const Params without{{"A", "1"}};
  const Params with{{"A", "1"}, {std::string(v1::kSecurityTokenParam), "tok"}};
  EXPECT_NE(v1::sign("GET", without, "k").signature, v1::sign("GET", with, "k").signature);
  EXPECT_EQ(v1::sign("GET", with, "k").canonicalized_query_string, "A=1&SecurityToken=tok");
}

}  // namespace
}  // namespace conform::sign
