// The mock reads lists and structs in their wire forms (Name.1, Tag.1.Key, Name.Key, a JSON text,
// a comma-joined list) and answers the common spec's invalid-parameter outcome (400
// InvalidParameter) when one breaks its shape; a missing required list is MissingParameter like any
// missing parameter. Requests are written by hand in the SDK's wire form.
#include <gtest/gtest.h>

#include "tests/mock/mock_fixture.h"

namespace conform::mock {
namespace {

std::shared_ptr<const spec::Operation> lists_spec() {
  static const auto op =
      spec::load_operation(conform::testing::source_path("tests/data/styled/PutLists.json"));
  return op;
}

class StyledMockTest : public MockTest {
 protected:
  void SetUp() override { start({}, lists_spec()); }

  // RegionId and `params`, signed.
  std::pair<int, std::string> answer(sign::Params params) {
    params.insert(params.begin(), {"RegionId", "cn-hangzhou"});
    const auto e = call(params);
    const auto b = body(e);
    return {e.status, b.contains("Code") ? b["Code"].get<std::string>() : ""};
  }
};

const std::pair<int, std::string> kSuccess = {200, ""};
const std::pair<int, std::string> kInvalid = {400, "InvalidParameter"};

TEST_F(StyledMockTest, lists_and_structs_in_their_wire_forms_are_accepted) {
  EXPECT_EQ(answer({{"Ids.1", "a"}}), kSuccess);
  EXPECT_EQ(answer({{"Ids.1", "a"}, {"Ids.2", "b"}, {"Ids.3", "c"}}), kSuccess);
  EXPECT_EQ(answer({{"Ids.1", "a"},
                    {"Counts.1", "7"},
                    {"Tag.1.Key", "k"},
                    {"Tag.1.Value", "v"},
                    {"Tag.2.Key", "k2"},
                    {"Filter.Kind", "B"},
                    {"Filter.Size", "3"},
                    {"Mode", R"({"Level":2,"Name":"fast"})"},
                    {"Zones", "a,b"}}),
            kSuccess);
}

TEST_F(StyledMockTest, a_missing_required_list_is_a_missing_parameter) {
  const auto missing = answer({});
  EXPECT_EQ(missing.first, 400);
  EXPECT_TRUE(missing.second == "MissingParameter" || missing.second == "MissingIds")
      << missing.second;
  // The bare name is not how a list travels.
  EXPECT_EQ(answer({{"Ids", "a"}}).first, 400);
}

TEST_F(StyledMockTest, more_items_than_the_shape_allows_are_invalid) {
  EXPECT_EQ(answer({{"Ids.1", "a"}, {"Ids.2", "b"}, {"Ids.3", "c"}, {"Ids.4", "d"}}), kInvalid);
  EXPECT_EQ(answer({{"Ids.1", "a"}, {"Zones", "a,b,c"}}), kInvalid);
}

TEST_F(StyledMockTest, a_leaf_of_the_wrong_type_or_value_is_invalid) {
  EXPECT_EQ(answer({{"Ids.1", "a"}, {"Counts.1", "many"}}), kInvalid);
  EXPECT_EQ(answer({{"Ids.1", "a"}, {"Filter.Kind", "C"}}), kInvalid);
  EXPECT_EQ(answer({{"Ids.1", "a"}, {"Mode", R"({"Level":"high"})"}}), kInvalid);
  EXPECT_EQ(answer({{"Ids.1", "a"}, {"Mode", "Level=2"}}), kInvalid);
}

TEST_F(StyledMockTest, a_struct_item_without_its_required_member_is_invalid) {
  EXPECT_EQ(answer({{"Ids.1", "a"}, {"Tag.1.Value", "v"}}), kInvalid);
}

TEST_F(StyledMockTest, keys_the_shape_does_not_name_are_ignored_like_unknown_parameters) {
  EXPECT_EQ(answer({{"Ids.1", "a"}, {"Ids.0", "zero"}, {"Tag.1.Key", "k"}, {"Tag.1.Other", "o"}}),
            kSuccess);
}

}  // namespace
}  // namespace conform::mock
