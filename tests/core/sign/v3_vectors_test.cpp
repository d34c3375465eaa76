#include <gtest/gtest.h>

#include "core/sign/percent.h"
#include "core/sign/v3.h"
#include "tests/core/sign/vectors.h"

namespace conform::sign {
namespace {

std::vector<nlohmann::json> v3_vectors() {
  std::vector<nlohmann::json> out;
  for (const auto& v : test::signature_vectors().at("vectors")) {
    if (v.at("id").get<std::string>().starts_with("v3-")) {
      out.push_back(v);
    }
  }
  return out;
}

// Rebuilds the request the SDK signed from the vector's inputs only.
v3::RequestToSign request_from_inputs(const nlohmann::json& in) {
  v3::RequestToSign r;
  r.method = in.at("http_method").get<std::string>();
  r.pathname = in.at("pathname").get<std::string>();
  r.body = in.value("body", "");
  if (in.at("params_location") == "query") {
    r.query = test::params_from_object(in.at("operation_params"));
  }
  r.headers = {{"host", in.at("host")},
               {"x-acs-action", in.at("action")},
               {"x-acs-version", in.at("version")},
               {"x-acs-date", in.at("x_acs_date")},
               {"x-acs-signature-nonce", in.at("x_acs_signature_nonce")},
               {std::string(v3::kContentSha256Header), v3::hashed_payload(r.body)}};
  for (const auto& [name, value] : in.at("extra_signed_headers").items()) {
    r.headers.push_back({name, value.get<std::string>()});
  }
  if (!in.at("security_token").is_null()) {
    // Written out, not taken from v3::sts_headers: the vector shows what the SDK adds.
    r.headers.push_back({"x-acs-accesskey-id", in.at("access_key_id")});
    r.headers.push_back({std::string(v3::kSecurityTokenHeader), in.at("security_token")});
  }
  return r;
}

TEST(v3_vectors, there_are_four) {
  EXPECT_EQ(v3_vectors().size(), 4u);
}

TEST(v3_vectors, every_intermediate_matches_the_sdk) {
  for (const auto& v : v3_vectors()) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const auto& in = v.at("inputs");
    const v3::RequestToSign r = request_from_inputs(in);
    const auto names = v3::default_signed_header_names(r.headers);
    const v3::Signed s = v3::sign(r, names, in.at("access_key_secret").get<std::string>());
    EXPECT_EQ(s.canonical_uri, v.at("canonical_uri"));
    EXPECT_EQ(s.canonical_query_string, v.at("canonical_query_string"));
    EXPECT_EQ(s.canonical_headers, v.at("canonical_headers"));
    EXPECT_EQ(s.signed_headers, v.at("signed_headers"));
    EXPECT_EQ(s.hashed_request_payload, v.at("hashed_request_payload"));
    EXPECT_EQ(s.canonical_request, v.at("canonical_request"));
    EXPECT_EQ(s.hashed_canonical_request, v.at("hashed_canonical_request"));
    EXPECT_EQ(s.string_to_sign, v.at("string_to_sign"));
    EXPECT_EQ(s.signature, v.at("signature"));
    EXPECT_EQ(
        v3::authorization(in.at("access_key_id").get<std::string>(), s.signed_headers, s.signature),
        v.at("authorization"));
  }
}

TEST(v3_vectors, sts_signs_the_access_key_id_and_token_like_the_sdk) {
  const auto& v = test::sts_vector();
  const auto& in = v.at("inputs");
  const v3::RequestToSign r = request_from_inputs(in);
  const auto names = v3::default_signed_header_names(r.headers);
  const v3::Signed s = v3::sign(r, names, in.at("access_key_secret").get<std::string>());
  EXPECT_EQ(s.signed_headers, v.at("signed_headers"));
  EXPECT_EQ(s.hashed_request_payload, v.at("hashed_request_payload"));
  EXPECT_EQ(s.signature, v.at("signature"));
  EXPECT_NE(v.at("signed_headers").get<std::string>().find("x-acs-accesskey-id;"),
            std::string::npos);
}

TEST(v3_sts_headers, are_the_access_key_id_then_the_token_and_none_without_a_token) {
  const v3::Headers expected{{"x-acs-accesskey-id", "id"}, {"x-acs-security-token", "tok"}};
  EXPECT_EQ(v3::sts_headers("id", "tok"), expected);
  EXPECT_TRUE(v3::sts_headers("id", "").empty());
}

// The verifier's path: signed names come from the received Authorization, the query is decoded
// from the raw request line, headers are taken as received (including unsigned ones).
TEST(v3_vectors, verify_from_the_raw_wire_request) {
  auto vectors = v3_vectors();
  vectors.push_back(test::sts_vector());
  for (const auto& v : vectors) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const auto& wire = v.at("wire");
    v3::RequestToSign r;
    const auto line = wire.at("request_line").get<std::string>();
    r.method = line.substr(0, line.find(' '));
    const auto target = line.substr(r.method.size() + 1, line.rfind(' ') - r.method.size() - 1);
    const auto q = target.find('?');
    r.pathname = target.substr(0, q);
    if (q != std::string::npos) {
      const ParsedParams query = parse_params(target.substr(q + 1), PlusIs::kSpace);
      ASSERT_TRUE(query.ok());
      r.query = query.params;
    }
    r.body = wire.at("body").get<std::string>();
    std::string authorization;
    for (const auto& h : wire.at("headers")) {
      r.headers.push_back({h.at(0).get<std::string>(), h.at(1).get<std::string>()});
      if (h.at(0) == "Authorization") {
        authorization = h.at(1).get<std::string>();
      }
    }
    const v3::ParsedAuthorization auth = v3::parse_authorization(authorization);
    ASSERT_TRUE(auth.value.has_value()) << auth.error;
    EXPECT_EQ(auth.value->algorithm, v3::kAlgorithm);
    EXPECT_EQ(auth.value->credential, "testid");
    const v3::Signed s = v3::sign(r, auth.value->signed_headers, "testsecret");
    EXPECT_EQ(s.signature, auth.value->signature);
    EXPECT_NE(v3::sign(r, auth.value->signed_headers, "testsecreT").signature,
              auth.value->signature);
  }
}

TEST(v3_sign, one_changed_character_anywhere_signed_changes_the_signature) {
  const v3::RequestToSign base_request = request_from_inputs(v3_vectors().front().at("inputs"));
  const auto names = v3::default_signed_header_names(base_request.headers);
  const std::string base = v3::sign(base_request, names, "testsecret").signature;
  for (std::size_t i = 0; i < base_request.query.size(); ++i) {
    v3::RequestToSign r = base_request;
    r.query[i].value += "x";
    EXPECT_NE(v3::sign(r, names, "testsecret").signature, base) << r.query[i].name;
  }
  for (std::size_t i = 0; i < base_request.headers.size(); ++i) {
    v3::RequestToSign r = base_request;
    r.headers[i].value += "x";
    EXPECT_NE(v3::sign(r, names, "testsecret").signature, base) << r.headers[i].name;
  }
  v3::RequestToSign with_body = base_request;
  with_body.body = "x";
  EXPECT_NE(v3::sign(with_body, names, "testsecret").signature, base);
}

TEST(v3_sign, unsigned_headers_do_not_affect_the_signature) {
  v3::RequestToSign r = request_from_inputs(v3_vectors().front().at("inputs"));
  const auto names = v3::default_signed_header_names(r.headers);
  const std::string base = v3::sign(r, names, "testsecret").signature;
  r.headers.push_back({"user-agent", "anything"});
  r.headers.push_back({"Accept", "application/json"});
  EXPECT_EQ(v3::sign(r, names, "testsecret").signature, base);
}

TEST(v3_signed_headers, security_token_and_extras_are_signed_authorization_is_not) {
  const v3::Headers headers{{"Host", "h"},
                            {"X-Acs-Security-Token", "t"},
                            {"Authorization", "x"},
                            {"Content-Type", "a/b"},
                            {"user-agent", "u"}};
  const std::vector<std::string> expected{"content-type", "host", "my-extra",
                                          "x-acs-security-token"};
  EXPECT_EQ(v3::default_signed_header_names(headers, {"My-Extra"}), expected);
}

TEST(v3_canonical_headers, trims_values_and_joins_repeated_names_sorted) {
  const v3::Headers headers{{"X-Acs-B", " 2 "}, {"x-acs-b", "1"}, {"host", "h"}};
  EXPECT_EQ(v3::canonical_headers(headers, {"x-acs-b", "host"}), "host:h\nx-acs-b:1,2\n");
}

TEST(v3_parse_authorization, accepts_spaces_after_commas) {
  const auto parsed = v3::parse_authorization(
      "ACS3-HMAC-SHA256 Credential=id, SignedHeaders=host;x-acs-date, Signature=abc");
  ASSERT_TRUE(parsed.value.has_value()) << parsed.error;
  EXPECT_EQ(parsed.value->credential, "id");
  EXPECT_EQ(parsed.value->signed_headers, (std::vector<std::string>{"host", "x-acs-date"}));
  EXPECT_EQ(parsed.value->signature, "abc");
}

TEST(v3_parse_authorization, names_the_missing_part_without_echoing_the_signature) {
  const auto no_sig = v3::parse_authorization("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host");
  EXPECT_FALSE(no_sig.value.has_value());
  EXPECT_NE(no_sig.error.find("Signature"), std::string::npos);
  const auto no_fields = v3::parse_authorization("ACS3-HMAC-SHA256");
  EXPECT_FALSE(no_fields.value.has_value());
  const auto no_headers = v3::parse_authorization("ACS3-HMAC-SHA256 Credential=id,Signature=s3cr");
  ASSERT_FALSE(no_headers.value.has_value());
  EXPECT_NE(no_headers.error.find("SignedHeaders"), std::string::npos);
  EXPECT_EQ(no_headers.error.find("s3cr"), std::string::npos);
}

}  // namespace
}  // namespace conform::sign
