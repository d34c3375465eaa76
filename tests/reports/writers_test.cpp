#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "reports/html_writer.h"
#include "reports/junit_writer.h"
#include "reports/pretty_body.h"
#include "reports/text.h"
#include "tests/reports/fixture.h"

namespace conform::report {
namespace {

using conform::testing::load_fixture;
using conform::testing::make_check;
using conform::testing::make_run;

TEST(text, xml_safe_drops_what_xml_1_0_forbids_and_keeps_the_rest) {
  EXPECT_EQ(xml_safe(std::string("a\x01"
                                 "b\x1b[0m\tc\n\rd",
                                 12)),
            "ab[0m\tc\n\rd");
  EXPECT_EQ(xml_safe("\xEF\xBF\xBF"), "");  // U+FFFF
  EXPECT_EQ(xml_safe("\xE2\x9C\x93 \xF0\x9F\x98\x80"), "\xE2\x9C\x93 \xF0\x9F\x98\x80");
  EXPECT_EQ(xml_safe(std::string("x\0y", 3)), "xy");
}

TEST(text, valid_utf8_replaces_each_broken_sequence) {
  EXPECT_EQ(valid_utf8("a\xC0\xAF"
                       "b"),
            "a\xEF\xBF\xBD\xEF\xBF\xBD"
            "b");                                                                 // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(valid_utf8("end\xE2\x9C"), "end\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(text, one_line_collapses_whitespace_and_cuts_on_a_code_point) {
  EXPECT_EQ(one_line("  a\n\n b\t c  "), "a b c");
  EXPECT_EQ(one_line("ab\xE2\x9C\x93", 3), "ab...");
  EXPECT_EQ(seconds_text(std::chrono::microseconds(1834567)), "1.835");
}

TEST(junit, one_suite_per_kind_and_counts_that_add_up) {
  const std::string xml = render_junit(load_fixture());
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  const auto root = doc.child("testsuites");
  EXPECT_EQ(root.attribute("tests").as_int(), 10);
  EXPECT_EQ(root.attribute("failures").as_int(), 2);
  std::vector<std::string> names;
  for (auto s : root.children("testsuite")) {
    names.push_back(s.attribute("name").value());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"acceptance", "validation", "errors", "preconditions",
                                             "idempotency", "transport"}));
  const auto validation = root.find_child_by_attribute("testsuite", "name", "validation");
  EXPECT_EQ(validation.attribute("skipped").as_int(), 1);
  EXPECT_STREQ(validation.child("properties")
                   .find_child_by_attribute("property", "name", "conform.seed")
                   .attribute("value")
                   .value(),
               "8112553309121144117");
}

TEST(junit, failure_has_a_one_line_message_and_the_evidence_in_its_body) {
  const std::string xml = render_junit(load_fixture());
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  const auto tc = doc.select_node("//testcase[@classname='errors'][failure]").node();
  const std::string message = tc.child("failure").attribute("message").value();
  EXPECT_EQ(message.find('\n'), std::string::npos);
  EXPECT_EQ(message.substr(0, 25), "circuit-exists: accepts 4");
  EXPECT_NE(message.find("got 500 InternalError (text/xml;charset=utf-8)"), std::string::npos);
  const std::string body = tc.child("failure").text().get();
  EXPECT_NE(body.find("counterexample: PhysicalConnectionId of a circuit"), std::string::npos);
  EXPECT_NE(body.find("--- request 1 of 1\nGET http://127.0.0.1:41873/?Action="),
            std::string::npos);
  // The XML body is re-indented for reading.
  EXPECT_NE(body.find("--- response\nHTTP 500\n"), std::string::npos);
  EXPECT_NE(body.find("\n  <Code>InternalError</Code>\n"), std::string::npos);
  EXPECT_NE(body.find("retry 1 after 200 ms: HTTP 500"), std::string::npos);
}

TEST(junit, inconclusive_and_observation_are_skipped_with_a_prefix_and_details) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(render_junit(load_fixture()).c_str()));
  const auto obs = doc.select_node("//testcase[@name='circuit not in a complete state']").node();
  EXPECT_EQ(std::string(obs.child("skipped").attribute("message").value()).substr(0, 13),
            "observation: ");
  EXPECT_TRUE(obs.child("system-out"));
  const auto inc = doc.select_node("//testcase[@classname='preconditions']").node();
  EXPECT_EQ(std::string(inc.child("skipped").attribute("message").value()).substr(0, 14),
            "inconclusive: ");
  const auto skip = doc.select_node("//testcase[@name='PricingCycle casing variants']").node();
  EXPECT_EQ(std::string(skip.child("skipped").attribute("message").value()).substr(0, 12),
            "the spec doe");
  EXPECT_FALSE(skip.child("system-out"));
}

TEST(junit, control_characters_never_reach_the_xml) {
  Results r;
  r.run = make_run();
  r.run.state = RunState::kFinished;
  // The literal is split so \x02 does not swallow the 'c' that follows as a hex digit.
  auto c = make_check("errors",
                      "name\x01with\x02"
                      "controls",
                      Verdict::kFailed);
  c.message = std::string("bad\0byte\x1b", 9);
  r.checks.push_back(c);
  const std::string xml = render_junit(r);
  for (char ch : xml) {
    const auto b = static_cast<unsigned char>(ch);
    EXPECT_TRUE(b >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') << int{b};
  }
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(xml.c_str()));
}

TEST(junit, unfinished_run_gets_an_erroring_run_testcase) {
  Results r;
  r.run = make_run();
  r.run.state = RunState::kRunning;
  r.checks.push_back(make_check("errors", "a", Verdict::kPassed));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(render_junit(r).c_str()));
  EXPECT_EQ(doc.child("testsuites").attribute("tests").as_int(), 2);
  EXPECT_EQ(doc.child("testsuites").attribute("errors").as_int(), 1);
  const auto error = doc.select_node("//testsuite[@name='run']/testcase/error").node();
  EXPECT_STREQ(error.attribute("type").value(), "interrupted");
  EXPECT_NE(std::string(error.attribute("message").value()).find("after 1 checks"),
            std::string::npos);
  r.run.state = RunState::kInterrupted;
  r.run.interruption = "SIGINT";
  ASSERT_TRUE(doc.load_string(render_junit(r).c_str()));
  EXPECT_EQ(std::string(doc.select_node("//testsuite[@name='run']/testcase/error")
                            .node()
                            .attribute("message")
                            .value())
                .substr(0, 24),
            "run interrupted (SIGINT)");
}

TEST(html, a_script_in_a_response_body_is_text_not_markup) {
  Results r = load_fixture();
  r.checks[0].name = "<img src=x onerror=alert(1)>";
  const std::string html = render_html(r);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  // Exactly one script element: ours.
  std::size_t scripts = 0;
  for (std::size_t at = html.find("<script"); at != std::string::npos;
       at = html.find("<script", at + 1)) {
    ++scripts;
  }
  EXPECT_EQ(scripts, 1u);
}

TEST(pretty_body, a_body_nested_100000_levels_is_shown_as_received_not_recursed_into) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(pretty_body(deep, "application/json"), deep);
  std::string objects;
  for (int i = 0; i < 100000; ++i)
    objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  EXPECT_EQ(pretty_body(objects, ""), objects);
  EXPECT_EQ(pretty_body("[[1]]", "application/json"), "[\n  [\n    1\n  ]\n]");
}

TEST(html, loads_nothing_from_anywhere) {
  const std::string html = render_html(load_fixture());
  for (const char* needle : {" src=", "<link", "@import", "url(", "fetch(", "XMLHttpRequest"}) {
    EXPECT_EQ(html.find(needle), std::string::npos) << needle;
  }
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
}

TEST(html, verdict_and_counts_come_first) {
  const std::string html = render_html(load_fixture());
  const auto verdict = html.find("<header class=\"verdict o-not-conformant\"");
  ASSERT_NE(verdict, std::string::npos);
  EXPECT_LT(verdict, html.find("<table"));
  EXPECT_NE(html.find("id=\"count-failed\" data-count=\"failed\">2<"), std::string::npos);
  EXPECT_NE(html.find("id=\"count-passed\" data-count=\"passed\">4<"), std::string::npos);
  EXPECT_NE(html.find("Enum values <small>3 of 3 exercised"), std::string::npos);
  EXPECT_NE(html.find("Boundaries <small>5 of 6 exercised"), std::string::npos);
}

}  // namespace
}  // namespace conform::report
