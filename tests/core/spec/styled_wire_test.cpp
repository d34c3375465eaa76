// Lists and structs on the wire. The expected keys are written by hand from how the official SDK
// sends each style (@alicloud/openapi-core 1.0.8: OpenApiUtil.query flattens a list as Name.1,
// Name.2 and a struct as Name.Key; arrayToStringWithSpecifiedStyle "json" is JSON.stringify and
// "simple" joins with commas), not computed by the code under test.
#include "core/spec/styled_wire.h"

#include <gtest/gtest.h>

#include "core/spec/loader.h"
#include "tests/support/test_paths.h"

namespace conform::spec {
namespace {

using Json = nlohmann::json;

std::shared_ptr<const Operation> lists() {
  static const auto op =
      load_operation(conform::testing::source_path("tests/data/styled/PutLists.json"));
  return op;
}

const Parameter& param(const char* name) {
  return *lists()->find_parameter(name);
}

WireParams wire(const char* name, const char* value) {
  return flatten(param(name), Json::parse(value));
}

TEST(styled_wire, a_repeat_list_numbers_its_items_from_one) {
  EXPECT_EQ(wire("Ids", R"(["a","b"])"), (WireParams{{"Ids.1", "a"}, {"Ids.2", "b"}}));
}

TEST(styled_wire, a_list_of_structs_numbers_the_items_and_names_the_members) {
  EXPECT_EQ(wire("Tag", R"([{"Key":"k1","Value":"v1"},{"Key":"k2"}])"),
            (WireParams{{"Tag.1.Key", "k1"}, {"Tag.1.Value", "v1"}, {"Tag.2.Key", "k2"}}));
}

TEST(styled_wire, a_flat_struct_names_its_members) {
  EXPECT_EQ(wire("Filter", R"({"Kind":"A","Size":"3"})"),
            (WireParams{{"Filter.Kind", "A"}, {"Filter.Size", "3"}}));
}

TEST(styled_wire, a_json_value_travels_encoded_in_its_own_name) {
  EXPECT_EQ(wire("Mode", R"({"Level":2,"Name":"fast"})"),
            (WireParams{{"Mode", R"({"Level":2,"Name":"fast"})"}}));
}

TEST(styled_wire, a_simple_list_is_joined_with_commas) {
  EXPECT_EQ(wire("Zones", R"(["a","b"])"), (WireParams{{"Zones", "a,b"}}));
}

ParamMap read(ParamMap sent) {
  read_styled(*lists(), sent);
  return sent;
}

TEST(styled_wire, the_wire_keys_read_back_as_one_value) {
  const auto m = read({{"Ids.1", "a"},
                       {"Ids.2", "b"},
                       {"Tag.1.Key", "k"},
                       {"Tag.1.Value", "v"},
                       {"Filter.Kind", "A"},
                       {"Zones", "x,y"},
                       {"Mode", R"({"Level":2})"}});
  EXPECT_EQ(m.at("Ids"), R"(["a","b"])");
  EXPECT_EQ(m.at("Tag"), R"([{"Key":"k","Value":"v"}])");
  EXPECT_EQ(m.at("Filter"), R"({"Kind":"A"})");
  EXPECT_EQ(m.at("Zones"), R"(["x","y"])");
  EXPECT_EQ(m.at("Mode"), R"({"Level":2})");
  EXPECT_EQ(m.at("Ids.1"), "a");  // the keys stay, unknown to every rule
}

TEST(styled_wire, items_are_read_in_the_order_of_their_numbers) {
  EXPECT_EQ(read({{"Ids.10", "ten"}, {"Ids.2", "two"}}).at("Ids"), R"(["two","ten"])");
  // A gap is read leniently here; the generators only ever send one as an observation.
  EXPECT_EQ(read({{"Ids.1", "a"}, {"Ids.3", "c"}}).at("Ids"), R"(["a","c"])");
}

TEST(styled_wire, keys_the_shape_does_not_name_are_not_part_of_the_value) {
  const auto m = read({{"Ids.0", "zero"},
                       {"Ids.01", "padded"},
                       {"Ids.x", "x"},
                       {"Ids.1", "a"},
                       {"Tag.1.Key", "k"},
                       {"Tag.1.Other", "o"}});
  EXPECT_EQ(m.at("Ids"), R"(["a"])");
  EXPECT_EQ(m.at("Tag"), R"([{"Key":"k"}])");
  EXPECT_EQ(m.at("Ids.0"), "zero");
}

TEST(styled_wire, a_bare_name_is_not_the_wire_form_of_a_repeat_list) {
  const auto m = read({{"Ids", "a"}});
  EXPECT_FALSE(m.contains("Ids"));
}

TEST(styled_wire, the_shape_settles_counts_types_enums_and_required_members) {
  EXPECT_EQ(shape_violation(param("Ids"), R"(["a","b","c"])"), std::nullopt);
  EXPECT_EQ(shape_violation(param("Ids"), R"(["a","b","c","d"])"), "Ids has 4 items, more than 3");
  EXPECT_EQ(shape_violation(param("Counts"), R"(["7","abc"])"),
            "Counts.2: \"abc\" is not an integer");
  EXPECT_EQ(shape_violation(param("Counts"), R"(["2147483648"])"),
            "Counts.1: \"2147483648\" is not an integer");
  EXPECT_EQ(shape_violation(param("Tag"), R"([{"Value":"v"}])"), "Tag.1.Key is missing");
  EXPECT_EQ(shape_violation(param("Filter"), R"({"Kind":"C"})"),
            "Filter.Kind: \"C\" is not one of its values");
  EXPECT_EQ(shape_violation(param("Mode"), R"({"Level":"high"})"),
            "Mode.Level: \"high\" is not an integer");
  EXPECT_EQ(shape_violation(param("Mode"), R"({"Level":2,"Name":"fast"})"), std::nullopt);
  EXPECT_EQ(shape_violation(param("Mode"), "Level=2"), "not JSON");
}

TEST(styled_wire, a_flattened_key_belongs_to_its_list) {
  const auto& op = *lists();
  EXPECT_EQ(owner_of(op, "Ids.1"), &param("Ids"));
  EXPECT_EQ(owner_of(op, "Tag.1.Key"), &param("Tag"));
  EXPECT_EQ(owner_of(op, "RegionId"), &param("RegionId"));
  EXPECT_EQ(owner_of(op, "Zones.1"), nullptr);  // a simple list travels in its own name only
  EXPECT_EQ(owner_of(op, "Idsx"), nullptr);
}

TEST(styled_wire, the_rules_engine_judges_a_list_from_its_wire_keys) {
  const auto& op = *lists();
  ParamMap sent = {
      {"RegionId", "r"}, {"Ids.1", "a"}, {"Ids.2", "b"}, {"Ids.3", "c"}, {"Ids.4", "d"}};
  read_styled(op, sent);
  const auto breach = first_breach(op, sent, nullptr);
  ASSERT_TRUE(breach);
  EXPECT_EQ(breach->rule->id, "ids-valid");
  ParamMap none = {{"RegionId", "r"}};
  read_styled(op, none);
  EXPECT_EQ(first_breach(op, none, nullptr)->rule->id, "ids-present");
}

}  // namespace
}  // namespace conform::spec
