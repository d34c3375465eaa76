// Which accepted values read open, on hand-built parameters; each expectation is typed from the
// documents' words (booleans serialized as true/false, integers as decimal, hidden parameters
// undocumented, the product's ClientToken convention), not recomputed.
#include "core/spec/open_readings.h"

#include <gtest/gtest.h>

namespace conform::spec {
namespace {

Parameter make(std::string name, ValueType type) {
  Parameter p;
  p.name = std::move(name);
  p.type = type;
  return p;
}

TEST(open_readings, booleans_read_open_unless_written_true_or_false) {
  const auto flag = make("Flag", ValueType::kBoolean);
  EXPECT_FALSE(open_reading(flag, "true"));
  EXPECT_FALSE(open_reading(flag, "false"));
  EXPECT_EQ(open_reading(flag, "TRUE"),
            "\"TRUE\" is a boolean written otherwise than true or false");
  EXPECT_TRUE(open_reading(flag, "False"));
}

TEST(open_readings, integers_read_open_unless_in_plain_decimal) {
  const auto count = make("Count", ValueType::kInteger);
  for (const char* plain : {"0", "1", "9", "10", "-1", "-120", "2147483647"})
    EXPECT_FALSE(open_reading(count, plain)) << plain;
  for (const char* other : {"01", "00", "+1", "-0", "-01", "007"})
    EXPECT_TRUE(open_reading(count, other)) << other;
  EXPECT_EQ(open_reading(count, "01"), "\"01\" is an integer not written in plain decimal");
}

TEST(open_readings, a_hidden_parameter_reads_open_whatever_its_value) {
  auto owner = make("Owner", ValueType::kString);
  owner.hidden = true;
  EXPECT_EQ(open_reading(owner, "abc"),
            "Owner is hidden: no document says what the service does with it");
}

TEST(open_readings, strings_read_open_beyond_their_convention) {
  auto token = make("Token", ValueType::kString);
  EXPECT_FALSE(open_reading(token, std::string(65, 'a')));  // no convention: nothing is open
  token.convention = Convention{};
  token.convention->max_length = 64;
  token.convention->ascii = true;
  EXPECT_FALSE(open_reading(token, std::string(64, 'a')));
  EXPECT_TRUE(open_reading(token, std::string(65, 'a')));
  EXPECT_TRUE(open_reading(token, "\xE4\xBB\xA4-1"));
}

TEST(open_readings, a_secret_value_is_never_quoted) {
  auto secret = make("Password", ValueType::kString);
  secret.secret = true;
  secret.convention = Convention{};
  secret.convention->max_length = 4;
  const auto why = open_reading(secret, "hunter22");
  ASSERT_TRUE(why);
  EXPECT_EQ(why->find("hunter22"), std::string::npos) << *why;
}

TEST(open_readings, the_first_open_parameter_in_spec_order_is_named) {
  Operation op;
  op.parameters = {make("A", ValueType::kInteger), make("B", ValueType::kBoolean)};
  EXPECT_FALSE(open_reading(op, ParamMap{{"A", "1"}, {"B", "true"}}));
  const auto open = open_reading(op, ParamMap{{"B", "TRUE"}, {"A", "01"}});
  ASSERT_TRUE(open);
  EXPECT_EQ(open->param->name, "A");
}

}  // namespace
}  // namespace conform::spec
