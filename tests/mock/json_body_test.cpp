#include <gtest/gtest.h>

#include "mock/bodies.h"
#include "tests/support/seed_operation.h"

namespace conform::mock {
namespace {

using spec::Field;
using spec::FieldType;

Field leaf(std::string name, FieldType type) {
  Field f;
  f.name = std::move(name);
  f.type = type;
  return f;
}

// Name (string), Count (integer), Ok (boolean), Data {Id (string)}.
spec::Operation op_with_fields() {
  auto op = conform::testing::seed_operation();
  Field data = leaf("Data", FieldType::kObject);
  data.fields = {leaf("Id", FieldType::kString)};
  op.response.fields = {leaf("Name", FieldType::kString), leaf("Count", FieldType::kInteger),
                        leaf("Ok", FieldType::kBoolean), data};
  return op;
}

std::string json(const spec::Operation& op, std::map<std::string, std::string> values,
                 const std::set<std::string>& drop = {}) {
  return render_success(op, "JSON", ProtocolValues{}, values, drop).text;
}

// The bodies below are written out by hand, in the compact form nlohmann's dump(-1) writes: plain
// values come from the direct writer, the others from nlohmann, and both must read the same.
TEST(json_body, plain_values_are_written_compact_in_field_order) {
  const auto op = op_with_fields();
  EXPECT_EQ(json(op, {{"Name", "abc"}, {"Count", "42"}, {"Ok", "true"}, {"Data.Id", "x-1"}}),
            R"({"Name":"abc","Count":42,"Ok":true,"Data":{"Id":"x-1"}})");
  EXPECT_EQ(json(op, {{"Name", ""}, {"Count", "-7"}, {"Ok", "yes"}, {"Data.Id", "a b~*"}}),
            R"({"Name":"","Count":-7,"Ok":false,"Data":{"Id":"a b~*"}})");
  EXPECT_EQ(json(op, {{"Name", "n"}, {"Count", "0"}, {"Ok", "false"}}, {"Data.Id", "Ok"}),
            R"({"Name":"n","Count":0,"Data":{}})");
}

TEST(json_body, values_that_need_escaping_or_are_not_integers_read_as_nlohmann_writes_them) {
  const auto op = op_with_fields();
  EXPECT_EQ(json(op, {{"Name", "a\"b\\c"}, {"Count", "1"}, {"Ok", "true"}, {"Data.Id", "\t"}}),
            R"({"Name":"a\"b\\c","Count":1,"Ok":true,"Data":{"Id":"\t"}})");
  EXPECT_EQ(
      json(op, {{"Name", "\xE4\xB8\xAD"}, {"Count", "007"}, {"Ok", "true"}, {"Data.Id", "\x01"}}),
      "{\"Name\":\"\xE4\xB8\xAD\",\"Count\":\"007\",\"Ok\":true,\"Data\":{\"Id\":\"\\u0001\"}}");
  // Invalid UTF-8 (an echoed obs-text Host) is replaced, not thrown on.
  EXPECT_EQ(json(op, {{"Name", "a\xFF"}, {"Count", "5"}, {"Ok", "true"}, {"Data.Id", "i"}}),
            "{\"Name\":\"a\xEF\xBF\xBD\",\"Count\":5,\"Ok\":true,\"Data\":{\"Id\":\"i\"}}");
  // Integers only as JSON reads them: a sign alone or an exponent stays text; "-0", 19 digits and
  // blanks around are numbers to nlohmann, written back as it writes them.
  const std::vector<std::pair<std::string, std::string>> counts = {
      {"-", R"("-")"},
      {"1e3", R"("1e3")"},
      {"-0", "0"},
      {"1234567890123456789", "1234567890123456789"},
      {" 5", "5"}};
  for (const auto& [count, written] : counts) {
    EXPECT_EQ(json(op, {{"Name", "n"}, {"Count", count}, {"Ok", "true"}, {"Data.Id", "i"}}),
              R"({"Name":"n","Count":)" + written + R"(,"Ok":true,"Data":{"Id":"i"}})")
        << count;
  }
}

TEST(json_body, a_name_given_twice_keeps_its_first_place_and_its_last_value) {
  auto op = op_with_fields();
  op.response.fields = {leaf("A", FieldType::kString), leaf("B", FieldType::kString),
                        leaf("A", FieldType::kString)};
  op.response.fields[0].example = "first";
  op.response.fields[2].example = "last";
  EXPECT_EQ(json(op, {{"B", "b"}}), R"({"A":"last","B":"b"})");
}

}  // namespace
}  // namespace conform::mock
