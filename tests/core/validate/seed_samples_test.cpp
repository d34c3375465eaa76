// The seed documents two sample success responses; an endpoint answering exactly like them must
// pass the success check (issue 13: Content-Type application/xml and application/json, no charset).
#include <gtest/gtest.h>

#include "core/spec/loader.h"
#include "core/validate/response_check.h"
#include "tests/support/seed_operation.h"
#include "tests/support/test_paths.h"

namespace conform::validate {
namespace {

const spec::Operation& op() {
  return conform::testing::seed_operation();
}

// Reads "HTTP/1.1 200 OK", "Name:value" lines, a blank line and the body, as the seed writes them.
Observed read_sample(const std::string& name) {
  const std::string text =
      conform::testing::read_text(conform::testing::source_path("tests/data/seed-samples/" + name));
  const auto blank = text.find("\n\n");
  EXPECT_NE(blank, std::string::npos) << name;
  Observed out;
  out.body = text.substr(blank + 2);
  std::size_t line_start = 0;
  bool status_line = true;
  while (line_start < blank) {
    const auto end = text.find('\n', line_start);
    const std::string line = text.substr(line_start, end - line_start);
    line_start = end + 1;
    if (status_line) {
      EXPECT_EQ(line.rfind("HTTP/1.1 ", 0), 0u) << line;
      out.http = std::stoi(line.substr(9, 3));
      status_line = false;
      continue;
    }
    const auto colon = line.find(':');
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    const std::string header = line.substr(0, colon);
    if (header == "Content-Type")
      out.content_type = value;
    else if (header == op().protocol.request_id_header)
      out.request_id_header = value;
  }
  return out;
}

std::string describe(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems)
    out += p.check + ": " + p.message + "\n";
  return out;
}

TEST(seed_samples, the_xml_sample_passes_the_success_check) {
  const Observed sample = read_sample("success-xml.http");
  ASSERT_EQ(sample.content_type, "application/xml");
  FieldValues values;
  const auto problems = check_success(op(), "XML", sample, &values);
  EXPECT_TRUE(problems.empty()) << describe(problems);
  EXPECT_EQ(values["Data.OrderId"], "50187055895****");
}

TEST(seed_samples, the_json_sample_passes_the_success_check) {
  const Observed sample = read_sample("success-json.http");
  ASSERT_EQ(sample.content_type, "application/json");
  FieldValues values;
  const auto problems = check_success(op(), "JSON", sample, &values);
  EXPECT_TRUE(problems.empty()) << describe(problems);
  EXPECT_EQ(values["RequestId"], "9B9300FE-11E2-4E3B-949C-BED3B44DD26D");
}

// The samples pass because their media types are listed, not because the check is blind: each
// one in the other format's place fails on its Content-Type.
TEST(seed_samples, each_sample_fails_as_the_other_format) {
  const auto xml = check_success(op(), "JSON", read_sample("success-xml.http"));
  ASSERT_FALSE(xml.empty());
  EXPECT_EQ(xml[0].check, "content-type");
  const auto json = check_success(op(), "XML", read_sample("success-json.http"));
  ASSERT_FALSE(json.empty());
  EXPECT_EQ(json[0].check, "content-type");
}

}  // namespace
}  // namespace conform::validate
