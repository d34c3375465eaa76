// Values of list and struct parameters and the cases that carry them, on a hand-written spec with
// one parameter per wire style (tests/data/styled/PutLists.json). Expected values and wire keys are
// written by hand from that spec's shapes.
#include "generators/styled_values.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>

#include "core/spec/loader.h"
#include "generators/oracle.h"
#include "generators/random_cases.h"
#include "generators/systematic.h"
#include "tests/support/test_paths.h"

namespace conform::gen {
namespace {

std::shared_ptr<const spec::Operation> lists() {
  static const auto op =
      spec::load_operation(conform::testing::source_path("tests/data/styled/PutLists.json"));
  return op;
}

const spec::Parameter& param(const char* name) {
  return *lists()->find_parameter(name);
}

bool has(const std::vector<Param>& params, const std::string& name, const std::string& value) {
  return std::any_of(params.begin(), params.end(),
                     [&](const Param& p) { return p.name == name && p.value == value; });
}

bool has_name(const std::vector<Param>& params, const std::string& name) {
  return std::any_of(params.begin(), params.end(), [&](const Param& p) { return p.name == name; });
}

TEST(styled_values, a_list_takes_one_item_first_then_as_many_as_it_allows) {
  EXPECT_EQ(styled_valid_values(param("Ids")),
            (std::vector<std::string>{R"(["id-1"])", R"(["id-1","id-1-2","id-1-3"])"}));
}

TEST(styled_values, a_struct_item_takes_its_required_members_first_then_every_member) {
  EXPECT_EQ(styled_valid_values(param("Tag")),
            (std::vector<std::string>{R"([{"Key":"team"}])", R"([{"Key":"team","Value":"blue"}])",
                                      R"([{"Key":"team"},{"Key":"team-2"}])"}));
}

TEST(styled_values, a_json_struct_keeps_typed_leaves_and_an_optional_member_needs_a_source) {
  EXPECT_EQ(styled_valid_values(param("Mode")).front(), R"({"Level":2,"Name":"fast"})");
  // Size has no example, enum or range: only Kind's enum value is sent.
  EXPECT_EQ(styled_valid_values(param("Filter")).front(), R"({"Kind":"A"})");
}

TEST(styled_values, integer_items_without_a_source_take_the_plainest_integer) {
  EXPECT_EQ(styled_valid_values(param("Counts")).front(), R"(["1"])");
}

TEST(styled_values, mutations_break_the_count_the_item_type_and_required_members) {
  std::vector<std::string> ids;
  for (const auto& m : styled_mutations(param("Ids")))
    ids.push_back(m.value + " (" + m.why + ")");
  EXPECT_EQ(
      ids,
      (std::vector<std::string>{R"(["id-1","id-1-2","id-1-3","id-1-4"] (more than 3 items))"}));
  std::vector<std::string> counts;
  for (const auto& m : styled_mutations(param("Counts")))
    counts.push_back(m.value + " (" + m.why + ")");
  EXPECT_EQ(counts, (std::vector<std::string>{R"(["1","1","1"] (more than 2 items))",
                                              R"(["abc"] (Counts.1 not an integer))"}));
  std::vector<std::string> tag;
  for (const auto& m : styled_mutations(param("Tag")))
    tag.push_back(m.value);
  EXPECT_NE(std::find(tag.begin(), tag.end(), R"([{"Value":"blue"}])"), tag.end());
}

TEST(styled_values, a_case_carries_the_wire_keys) {
  const auto& op = *lists();
  EXPECT_EQ(wire_params(op, "Tag", R"([{"Key":"k","Value":"v"}])"),
            (std::vector<Param>{{"Tag.1.Key", "k", spec::Location::kQuery},
                                {"Tag.1.Value", "v", spec::Location::kQuery}}));
  const auto set = all_cases(op, Fixtures{});
  const auto& minimal = set.cases.front();
  EXPECT_EQ(minimal.description, "required parameters only");
  EXPECT_TRUE(has(minimal.params, "Ids.1", "id-1"));
  EXPECT_FALSE(has_name(minimal.params, "Ids"));
  for (const auto& s : set.skipped)
    EXPECT_EQ(s.reason.find("travels as"), std::string::npos) << s.what << ": " << s.reason;
}

TEST(styled_values, the_over_limit_list_is_an_invalid_case_of_its_valid_rule) {
  const auto set = invalid_cases(*lists(), Fixtures{});
  const auto over = std::find_if(set.cases.begin(), set.cases.end(),
                                 [](const Case& c) { return has_name(c.params, "Ids.4"); });
  ASSERT_NE(over, set.cases.end());
  EXPECT_EQ(over->rule_id, "ids-valid");
  EXPECT_EQ(over->kind, CaseKind::kInvalid);
  EXPECT_TRUE(over->rejection_settled);
}

TEST(styled_values, open_numberings_are_observations) {
  const auto set = observation_cases(*lists(), Fixtures{});
  std::vector<std::string> seen;
  for (const auto& c : set.cases) {
    if (c.description.starts_with("Ids ") || c.description.starts_with("Tag.1 with")) {
      EXPECT_EQ(c.kind, CaseKind::kObservation);
      std::string keys;
      for (const auto& p : c.params)
        keys += p.name + " ";
      seen.push_back(c.description + ": " + keys);
    }
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "Ids numbered 1, 3 (a gap): RegionId Ids.1 Ids.3 ",
                      "Ids numbered from 0: RegionId Ids.0 Ids.1 ",
                      "Tag.1 with a member the shape does not name: RegionId Ids.1 Tag.1.Key "
                      "Tag.2.Key Tag.1.ConformUnknown ",
                  }));
}

TEST(styled_values, random_valid_cases_send_lists_inside_their_shape) {
  const auto gen = valid_case(lists(), Fixtures{});
  bool optional_list = false;
  for (int seed = 0; seed < 40; ++seed) {
    const Case c = gen(rc::Random(static_cast<std::uint64_t>(seed) + 1), 30).value();
    EXPECT_FALSE(first_breach(*lists(), Fixtures{}, c)) << describe(c);
    EXPECT_TRUE(has_name(c.params, "Ids.1")) << describe(c);
    EXPECT_FALSE(has_name(c.params, "Ids.4")) << describe(c);
    optional_list |= has_name(c.params, "Tag.1.Key") || has_name(c.params, "Zones");
  }
  EXPECT_TRUE(optional_list);
}

}  // namespace
}  // namespace conform::gen
