#include "core/validate/response_check.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/spec/loader.h"
#include "tests/support/seed_operation.h"
#include "tests/support/test_paths.h"

namespace conform::validate {
namespace {

const spec::Operation& op() {
  return conform::testing::seed_operation();
}

const std::string kId = "9B9300FE-11E2-4E3B-949C-BED3B44DD26D";

Observed json_ok(std::string body) {
  return {200, "application/json;charset=utf-8", kId, std::move(body)};
}

std::vector<std::string> checks(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems)
    out.push_back(p.check + ": " + p.message);
  return out;
}

TEST(check_success, the_documented_samples_conform) {
  FieldValues values;
  EXPECT_TRUE(check_success(
                  op(), "JSON",
                  json_ok(R"({"RequestId":")" + kId + R"(","Data":{"OrderId":"50187055895****"}})"),
                  &values)
                  .empty());
  EXPECT_EQ(values["Data.OrderId"], "50187055895****");
  const std::string xml =
      "<CreatePhysicalConnectionOccupancyOrderResponse>\n    <RequestId>" + kId +
      "</RequestId>\n    <Data>\n        <OrderId>50187055895****</OrderId>\n    </Data>\n"
      "</CreatePhysicalConnectionOccupancyOrderResponse>";
  EXPECT_TRUE(check_success(op(), "XML", {200, "text/xml;charset=utf-8", kId, xml}).empty());
}

// A string's text cannot pass for another type: the checker once tagged non-string JSON values
// with a leading \x01 and objects with "{object}", and trusted body text that looked the same.
// (Seen while writing the response_check fuzzer; its string-leaf property reproduces the \u0001
// case, tests/fuzz/regressions/response_check/json-string-passing-for-a-number.)
TEST(check_success, a_string_cannot_pass_for_another_type) {
  FieldValues values;
  EXPECT_TRUE(check_success(
                  op(), "JSON",
                  json_ok(R"({"RequestId":")" + kId + R"(","Data":{"OrderId":"\u0001number:5"}})"),
                  &values)
                  .empty());
  EXPECT_EQ(values["Data.OrderId"], "\x01number:5");
  EXPECT_EQ(checks(check_success(op(), "JSON",
                                 json_ok(R"({"RequestId":")" + kId + R"(","Data":"{object}"})"))),
            (std::vector<std::string>{"field-type: Data should be an object",
                                      "field-missing: Data.OrderId is missing"}));
}

// XML has no types: <Data/> is an object none of whose members came, not a string. (Imported
// specs have objects whose members the metadata does not list; the mock renders them so.)
TEST(check_success, an_empty_xml_element_is_an_empty_object) {
  const std::string root = op().action + "Response";
  const std::string xml = "<" + root + "><RequestId>" + kId + "</RequestId><Data/></" + root + ">";
  EXPECT_EQ(checks(check_success(op(), "XML", {200, "text/xml;charset=utf-8", kId, xml})),
            (std::vector<std::string>{"field-missing: Data.OrderId is missing"}));
  const std::string text =
      "<" + root + "><RequestId>" + kId + "</RequestId><Data>x</Data></" + root + ">";
  EXPECT_EQ(checks(check_success(op(), "XML", {200, "text/xml;charset=utf-8", kId, text})),
            (std::vector<std::string>{"field-type: Data should be an object",
                                      "field-missing: Data.OrderId is missing"}));
}

TEST(check_success, names_each_problem) {
  EXPECT_EQ(checks(check_success(op(), "JSON", json_ok(R"({"RequestId":"not-a-uuid","Data":{}})"))),
            (std::vector<std::string>{
                "field-format: RequestId should be a UUID, found \"not-a-uuid\"",
                "field-missing: Data.OrderId is missing",
                "request-id: RequestId \"not-a-uuid\" differs from the x-acs-request-id header \"" +
                    kId + "\""}));
  EXPECT_EQ(
      checks(check_success(op(), "JSON",
                           json_ok(R"({"RequestId":")" + kId + R"(","Data":{"OrderId":5}})"))),
      (std::vector<std::string>{"field-type: Data.OrderId should be a string, found number 5"}));
  auto wrong_type = json_ok(R"({"RequestId":")" + kId + R"(","Data":{"OrderId":"1"}})");
  wrong_type.content_type = "text/xml;charset=utf-8";
  EXPECT_EQ(checks(check_success(op(), "JSON", wrong_type)).at(0).rfind("content-type:", 0), 0u);
}

// The RequestId's format is uuid: 8-4-4-4-12 hex digits in either case, nothing around them.
TEST(check_success, a_uuid_is_8_4_4_4_12_hex_digits) {
  const auto uuid_problem = [](const std::string& id) {
    for (const auto& c : checks(check_success(
             op(), "JSON", json_ok(R"({"RequestId":")" + id + R"(","Data":{"OrderId":"1"}})")))) {
      if (c.rfind("field-format: RequestId", 0) == 0)
        return true;
    }
    return false;
  };
  EXPECT_FALSE(uuid_problem("0A1b2C3d-4E5f-6A7b-8C9d-0E1f2A3b4C5d"));
  EXPECT_FALSE(uuid_problem("00000000-0000-0000-0000-000000000000"));
  for (const std::string bad :
       {"0A1b2C3d-4E5f-6A7b-8C9d-0E1f2A3b4C5", "0A1b2C3d-4E5f-6A7b-8C9d-0E1f2A3b4C5d0",
        "0A1b2C3d4-E5f-6A7b-8C9d-0E1f2A3b4C5d", "0A1b2C3g-4E5f-6A7b-8C9d-0E1f2A3b4C5d",
        " 0A1b2C3d-4E5f-6A7b-8C9d-0E1f2A3b4C5d", "0A1b2C3d-4E5f-6A7b-8C9d-0E1f2A3b4C5 ",
        "0A1b2C3d_4E5f_6A7b_8C9d_0E1f2A3b4C5d", ""}) {
    EXPECT_TRUE(uuid_problem(bad)) << bad;
  }
}

// Plain bodies are read without nlohmann; what they flatten to is written out here, and every
// body, plain or not, must read as nlohmann reads it.
TEST(parse_body, plain_json_reads_as_nlohmann_reads_it) {
  const auto plain =
      parse_body("JSON", "",
                 " {\"Code\" : \"X.Y\",\"N\":120,\"Z\":0,\"T\":true,\"F\":false,\"U\":null,\r\n"
                 "\t\"Data\":{\"Id\":\"a b\",\"In\":{}},\"E\":{}} \n");
  ASSERT_TRUE(plain.parsed);
  EXPECT_TRUE(plain.problems.empty());
  EXPECT_EQ(plain.values, (FieldValues{{"Code", "X.Y"},
                                       {"N", "\x01number:120"},
                                       {"Z", "\x01number:0"},
                                       {"T",
                                        "\x01"
                                        "boolean:true"},
                                       {"F",
                                        "\x01"
                                        "boolean:false"},
                                       {"U", "\x01null:null"},
                                       {"Data", "\x01object:{object}"},
                                       {"Data.Id", "a b"},
                                       {"Data.In", "\x01object:{object}"},
                                       {"E", "\x01object:{object}"}}));
  for (const std::string& body :
       std::vector<std::string>{R"({})",
                                R"({"a":"x"})",
                                R"({"a":1.5})",
                                R"({"a":-1})",
                                R"({"a":01})",
                                R"({"a":1e3})",
                                R"({"a":12345678901234567890})",
                                R"({"a":"\u0041"})",
                                R"({"a":"\u0001number:5"})",
                                "{\"a\":\"\xe4\xb8\xad\"}",
                                "{\"a\":\"\xff\"}",
                                R"({"a":[1,2]})",
                                R"({"a":"x","a":"y"})",
                                R"({"a":{"b":1},"a":"y"})",
                                R"({"a":{"b":1},"a.b":2})",
                                R"({"a.b":2,"a":{"b":1}})",
                                R"({"a":tru})",
                                R"({"a":true1})",
                                R"({"a":"x",})",
                                R"({"a":"x"} x)",
                                R"({"a" "x"})",
                                R"("x")",
                                R"([])",
                                "",
                                "{",
                                "\xef\xbb\xbf{\"a\":\"x\"}",
                                std::string("{\"a\":\"x\"}\0", 10),
                                std::string(20, '{') + std::string(20, '}')}) {
    const auto fast = parse_body("JSON", "", body);
    const auto general = parse_json_body_with_nlohmann(body);
    EXPECT_EQ(fast.parsed, general.parsed) << body;
    EXPECT_EQ(fast.values, general.values) << body;
    EXPECT_EQ(checks(fast.problems), checks(general.problems)) << body;
  }
}

TEST(check_success, hostile_bodies_are_problems_not_crashes) {
  for (const std::string& body :
       {std::string(""), std::string("[]"), std::string("{\"a\":"),
        std::string(100000, '[') + std::string(100000, ']'), std::string(2000, '{'),
        std::string("\xff\xfe garbage"), std::string("{\"N\":-1.5e3333}")}) {
    const auto problems = check_success(op(), "JSON", json_ok(body));
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(problems[0].check, "body-syntax");
  }
  const std::string billion_laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
      "\"&lol;&lol;&lol;&lol;\">]>"
      "<CreatePhysicalConnectionOccupancyOrderResponse>&lol2;</"
      "CreatePhysicalConnectionOccupancyOrderResponse>";
  EXPECT_FALSE(
      check_success(op(), "XML", {200, "text/xml;charset=utf-8", kId, billion_laughs}).empty());
}

TEST(check_success, a_dtd_is_refused_by_name_in_either_format) {
  const std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]>"
      "<CreatePhysicalConnectionOccupancyOrderResponse>&lol;</"
      "CreatePhysicalConnectionOccupancyOrderResponse>";
  for (const std::string format : {"XML", "JSON"}) {
    const auto problems = check_success(op(), format, {200, "text/xml;charset=utf-8", kId, bomb});
    const auto all = checks(problems);
    EXPECT_NE(std::find(all.begin(), all.end(),
                        "body-syntax: XML: DOCTYPE refused (a response carries no DTD; its "
                        "entities are never expanded)"),
              all.end())
        << format;
  }
}

TEST(read_error, names_what_keeps_a_json_body_from_being_read) {
  const auto utf8 = read_error(
      op(), "JSON",
      {400, "application/json;charset=utf-8", kId, "{\"Code\":\"X\",\"Message\":\"\xff\xfe\"}"});
  EXPECT_FALSE(utf8.answer);
  ASSERT_FALSE(utf8.problems.empty());
  EXPECT_NE(utf8.problems.back().message.find("ill-formed UTF-8"), std::string::npos)
      << utf8.problems.back().message;
  // Asked for XML, answered in broken JSON: the JSON problem names the fault, not "not XML".
  const auto deep = read_error(op(), "XML",
                               {400, "application/json;charset=utf-8", kId,
                                std::string(100000, '[') + std::string(100000, ']')});
  ASSERT_FALSE(deep.problems.empty());
  EXPECT_EQ(deep.problems.back().message, "JSON nested deeper than 64 levels");
  const auto header =
      read_error(op(), "JSON",
                 {400, "application/json;charset=utf-8", std::string("\xff\xfe"),
                  R"({"RequestId":")" + kId + R"(","HostId":"h","Code":"X","Message":"m"})"});
  ASSERT_EQ(header.problems.size(), 1u);
  EXPECT_EQ(header.problems[0].message, "the x-acs-request-id header is not valid UTF-8");
}

// Objects nested 64 deep are read; 65 deep are refused by name. Strings holding brackets do not
// count, and neither do brackets after the body's end is already broken.
TEST(parse_body, reads_64_levels_of_json_and_refuses_65) {
  const auto nested = [](int levels, const std::string& leaf) {
    std::string body;
    for (int i = 0; i < levels; ++i)
      body += R"({"a":)";
    body += leaf;
    for (int i = 0; i < levels; ++i)
      body += '}';
    return body;
  };
  const auto at64 = parse_body("JSON", "", nested(64, R"("[[[{{{\"[")"));
  EXPECT_TRUE(at64.parsed);
  EXPECT_TRUE(at64.problems.empty());
  for (int levels : {65, 66, 200}) {
    const auto deep = parse_body("JSON", "", nested(levels, "1"));
    EXPECT_FALSE(deep.parsed) << levels;
    ASSERT_EQ(deep.problems.size(), 1u) << levels;
    EXPECT_EQ(deep.problems[0].message, "JSON nested deeper than 64 levels") << levels;
  }
  const auto broken = parse_body("JSON", "", R"({"a":x)" + std::string(100, '['));
  ASSERT_EQ(broken.problems.size(), 1u);
  EXPECT_NE(broken.problems[0].message.find("not JSON"), std::string::npos)
      << broken.problems[0].message;
}

TEST(read_error, reads_code_status_and_body_problems) {
  const auto reading = read_error(
      op(), "JSON",
      {404, "application/json;charset=utf-8", kId,
       R"({"RequestId":")" + kId +
           R"(","HostId":"vpc.aliyuncs.com","Code":"InvalidPhysicalConnectionId.NotFound","Message":"m"})"});
  ASSERT_TRUE(reading.answer);
  EXPECT_EQ(reading.answer->http, 404);
  EXPECT_EQ(reading.answer->code, "InvalidPhysicalConnectionId.NotFound");
  EXPECT_TRUE(reading.problems.empty()) << checks(reading.problems)[0];
  const auto incomplete = read_error(
      op(), "JSON", {400, "application/json;charset=latin1", std::nullopt, R"({"Code":"X"})"});
  EXPECT_EQ(checks(incomplete.problems),
            (std::vector<std::string>{
                "content-type: Content-Type \"application/json;charset=latin1\" for JSON: charset "
                "latin1 is not UTF-8 (accepted: application/json;charset=utf-8, application/json)",
                "field-missing: RequestId is missing", "field-missing: HostId is missing",
                "field-missing: Message is missing"}));
}

// Media types the sources document (common spec): JSON application/json, XML text/xml and
// application/xml, each with or without a UTF-8 charset.
TEST(content_type_matches, compares_media_types_not_text) {
  for (const auto* json : {"application/json;charset=utf-8", "Application/JSON; charset=UTF-8",
                           "application/json", "application/json ; Charset = \"utf-8\"",
                           "application/json;foo=bar;charset=utf-8", "APPLICATION/JSON;"}) {
    EXPECT_TRUE(content_type_matches(op(), "JSON", json)) << json;
  }
  for (const auto* xml :
       {"text/xml;charset=utf-8", "application/xml", "Application/XML", "text/xml",
        "application/xml; charset=UTF-8", "text/xml;charset=csUTF8"}) {
    EXPECT_TRUE(content_type_matches(op(), "XML", xml)) << xml;
  }
  for (const auto* wrong :
       {"", "application/xml", "text/json", "application/json;charset=utf8",
        "application/json;charset=iso-8859-1", "application/jsonx", "application/json;charset",
        "application", "application/json charset=utf-8"}) {
    EXPECT_FALSE(content_type_matches(op(), "JSON", wrong)) << wrong;
  }
  EXPECT_FALSE(content_type_matches(op(), "XML", "application/json"));
  EXPECT_FALSE(content_type_matches(op(), "XML", "text/html;charset=utf-8"));
  EXPECT_FALSE(content_type_matches(op(), "YAML", "application/json"));
}

TEST(content_type_problem, says_what_is_wrong_and_what_is_accepted) {
  EXPECT_EQ(content_type_problem(op(), "XML", "text/html"),
            "Content-Type \"text/html\" for XML: text/html is not listed (accepted: "
            "text/xml;charset=utf-8, application/xml)");
  EXPECT_EQ(content_type_problem(op(), "JSON", ""),
            "Content-Type \"\" for JSON: absent (accepted: application/json;charset=utf-8, "
            "application/json)");
  const auto malformed = content_type_problem(op(), "JSON", "application/json;charset=\"utf-8");
  ASSERT_TRUE(malformed);
  EXPECT_NE(malformed->find("not a media type"), std::string::npos);
  EXPECT_FALSE(content_type_problem(op(), "JSON", "application/json"));
}

// An answer that repeats a documented text byte for byte skips comparing media types, never the
// charset: a spec that documented a charset other than UTF-8 still gets it refused.
TEST(content_type_problem, checks_the_charset_of_a_documented_text_repeated_verbatim) {
  auto latin = op();
  latin.protocol.content_types["JSON"] = {{"application/json;charset=iso-8859-1", {}, {}}};
  const auto problem = content_type_problem(latin, "JSON", "application/json;charset=iso-8859-1");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("charset iso-8859-1 is not UTF-8"), std::string::npos) << *problem;
  EXPECT_FALSE(content_type_problem(op(), "JSON", "application/json;charset=utf-8"));
}

}  // namespace
}  // namespace conform::validate
