// Overlays: a hand-written file merged onto an imported spec. The base is the committed import of
// CreatePhysicalConnectionOccupancyOrder (its parameters and rules are listed where used); the
// expected documents and errors are written out by hand.
#include "core/spec/overlay.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/spec/loader.h"
#include "tests/support/test_paths.h"

namespace conform::spec {
namespace {

using conform::testing::read_text;
using conform::testing::ScratchDir;
using conform::testing::source_path;
using conform::testing::write_text;
using nlohmann::json;

const char* kImported = "specs/imported/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json";

// A tree like specs/: the import under imported/, the overlay under vpc/2016-04-28/.
class Overlay : public ::testing::Test {
 protected:
  Overlay() {
    write_text(dir_.path("specs/imported/common/alibaba-rpc.json"),
               read_text(source_path("specs/common/alibaba-rpc.json")));
    write_text(dir_.path(kImported), read_text(source_path(kImported)));
  }
  std::string base() const { return dir_.path(kImported); }
  std::string overlay_path() const { return dir_.path("specs/vpc/2016-04-28/Op.json"); }
  std::string write(json members) {
    members["format"] = "conform-overlay/1";
    members["base"] = "../../imported/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json";
    write_text(overlay_path(), members.dump(2));
    return overlay_path();
  }
  std::vector<std::string> errors_of(const json& members) {
    std::vector<std::string> out;
    try {
      load_operation(write(members));
      out.push_back("loaded");
    } catch (const SpecLoadError& e) {
      for (const auto& err : e.errors())
        out.push_back(err.to_string());
    }
    return out;
  }
  ScratchDir dir_{"overlay"};
};

TEST_F(Overlay, entries_are_matched_by_name_and_their_members_replaced_or_added) {
  const auto doc = merged_document(write(json::parse(R"({
    "parameters": [
      {"name": "Period", "minimum": 1, "maximum": 9, "in": ["query", "body"]},
      {"name": "InstanceChargeType", "enum": ["PrePaid"]}
    ]})")));
  const auto& period = doc["parameters"][2];
  EXPECT_EQ(period["name"], "Period");
  EXPECT_EQ(period["minimum"], 1);
  EXPECT_EQ(period["maximum"], 9);
  EXPECT_EQ(period["in"], json::parse(R"(["query", "body"])"));  // replaced, not appended to
  EXPECT_EQ(period["example"], "1");                             // kept from the import
  EXPECT_EQ(period["from"], "/apis/CreatePhysicalConnectionOccupancyOrder/parameters/2");
  EXPECT_EQ(doc["parameters"][3]["enum"], json::parse(R"(["PrePaid"])"));
  EXPECT_EQ(doc["parameters"].size(), 9u);
  // The common spec is named relative to the overlay now.
  EXPECT_EQ(doc["common"], "../../imported/common/alibaba-rpc.json");
  EXPECT_FALSE(doc.contains("base"));
  EXPECT_EQ(doc["format"], "conform-operation/1");
}

TEST_F(Overlay, new_entries_are_appended_entries_placed_before_a_named_one_and_drops_remove) {
  const auto op = load_operation(write(json::parse(R"({
    "parameters": [{"name": "OwnerId", "type": "integer", "required": false,
                    "description": "hidden owner", "sources": ["api-docs"]}],
    "rules": [
      {"id": "owner-id-valid", "check": "valid", "param": "OwnerId", "outcome": "invalid-parameter",
       "before": "auto-pay-valid"},
      {"id": "period-valid", "order_group": "values"},
      {"id": "auto-renew-duration-valid", "before": "auto-renew-valid"}
    ],
    "drop": [{"at": "/parameters/Period/format", "reason": "a test"}]})")));
  EXPECT_EQ(op->parameters.back().name, "OwnerId");
  EXPECT_EQ(op->find_parameter("Period")->format, IntegerFormat::kNone);
  std::vector<std::string> own;
  for (const auto& r : op->rules) {
    if (!r.common)
      own.push_back(r.id + (r.order_group.empty() ? "" : "/" + r.order_group));
  }
  EXPECT_EQ(own, (std::vector<std::string>{"region-id-present", "physical-connection-id-present",
                                           "period-valid/values", "owner-id-valid",
                                           "auto-pay-valid/parameter-values",
                                           "auto-renew-duration-valid/parameter-values",
                                           "auto-renew-valid/parameter-values", "listed-error"}));
}

TEST_F(Overlay, errors_in_what_the_overlay_set_name_the_overlay_and_its_pointer) {
  EXPECT_EQ(errors_of(json::parse(R"({
    "parameters": [{"name": "AutoPay", "default": "maybe"}, {"name": "Period", "type": "int"}]})")),
            (std::vector<std::string>{
                overlay_path() + ":/parameters/1/type: schema:enum: must be one of \"string\", "
                                 "\"integer\", \"boolean\", \"array\", \"object\", found "
                                 "\"int\""}));
  EXPECT_EQ(errors_of(json::parse(R"({"parameters": [{"name": "AutoPay", "default": "maybe"}]})")),
            (std::vector<std::string>{overlay_path() +
                                      ":/parameters/0/default: invalid-default: AutoPay: default "
                                      "\"maybe\" is not true or false"}));
}

TEST_F(Overlay, errors_in_what_the_import_wrote_name_the_base_and_its_pointer) {
  // Dropping the outcome but not the rule that names it leaves the base's rule at fault, and the
  // base's codes with no outcome accepting them.
  const auto errors =
      errors_of(json::parse(R"({"drop": [{"at": "/outcomes/listed-error", "reason": "a test"}]})"));
  ASSERT_EQ(errors.size(), 12u);
  EXPECT_EQ(errors[0], base() +
                           ":/rules/6/outcome: unknown-outcome: rule listed-error names outcome "
                           "listed-error, which is not defined");
  EXPECT_EQ(errors[1], base() +
                           ":/errors/0: unused-error-code: IAbs.InvalidStatus.ValueNotSupported "
                           "(HTTP 400) is accepted by no outcome");
}

TEST_F(Overlay, a_drop_or_placement_naming_nothing_is_an_error_of_the_overlay) {
  EXPECT_EQ(
      errors_of(json::parse(R"({
        "drop": [{"at": "/rules/no-such-rule", "reason": "a test"}],
        "rules": [{"id": "region-id-present", "before": "no-such-rule"},
                  {"id": "new-rule", "check": "present", "param": "RegionId",
                   "outcome": "missing-parameter", "before": "nothing"}]})")),
      (std::vector<std::string>{
          overlay_path() + ":/drop/0/at: overlay-drop: the base has nothing at /rules/no-such-rule",
          overlay_path() + ":/rules/0/before: overlay-before: no entry with id no-such-rule to "
                           "place region-id-present before",
          overlay_path() + ":/rules/1/before: overlay-before: no entry with id nothing to place "
                           "new-rule before"}));
}

TEST_F(Overlay, an_overlay_that_is_not_one_is_refused_by_its_schema) {
  write_text(overlay_path(),
             R"({"format": "conform-overlay/1", "parameters": [{"type": "string"}]})");
  std::vector<std::string> errors;
  try {
    load_operation(overlay_path());
  } catch (const SpecLoadError& e) {
    for (const auto& err : e.errors())
      errors.push_back(err.to_string());
  }
  EXPECT_EQ(
      errors,
      (std::vector<std::string>{
          overlay_path() + ":/: schema:required: missing required property \"base\"",
          overlay_path() + ":/parameters/0: schema:required: missing required property \"name\""}));
}

TEST_F(Overlay, a_missing_base_names_the_overlay_and_the_base) {
  write_text(overlay_path(), R"({"format": "conform-overlay/1", "base": "gone.json"})");
  std::vector<std::string> errors;
  try {
    load_operation(overlay_path());
  } catch (const SpecLoadError& e) {
    for (const auto& err : e.errors())
      errors.push_back(err.to_string());
  }
  const std::string gone = dir_.path("specs/vpc/2016-04-28/gone.json");
  EXPECT_EQ(errors,
            (std::vector<std::string>{overlay_path() + ":/base: base-spec-invalid: the base spec " +
                                          gone + " cannot be used",
                                      gone + ": unreadable-file: no such file"}));
}

// The curated operation is its import plus an overlay: the same contract the complete hand-written
// spec (frozen in tests/data/full-spec) stated, in the same order.
TEST(curated_overlay, states_what_the_hand_written_spec_stated) {
  const auto merged = load_operation(conform::testing::seed_operation_path());
  ScratchDir dir("full-spec");
  write_text(dir.path("specs/common/alibaba-rpc.json"),
             read_text(source_path("specs/common/alibaba-rpc.json")));
  write_text(
      dir.path("specs/vpc/2016-04-28/Full.json"),
      read_text(source_path("tests/data/full-spec/CreatePhysicalConnectionOccupancyOrder.json")));
  const auto full = load_operation(dir.path("specs/vpc/2016-04-28/Full.json"));
  const auto names = [](const Operation& op) {
    std::vector<std::string> out;
    for (const auto& p : op.parameters) {
      out.push_back(p.name + (p.required ? " required" : "") + (p.hidden ? " hidden" : "") + " " +
                    std::to_string(p.locations.size()) + " " +
                    (p.minimum ? std::to_string(*p.minimum) : "-") + ".." +
                    (p.maximum ? std::to_string(*p.maximum) : "-") + " " +
                    std::to_string(p.enum_values.size()) + " " + p.default_value.value_or("-"));
    }
    for (const auto& r : op.rules)
      out.push_back(r.id + " -> " + op.outcomes[r.outcome].id);
    for (const auto& e : op.errors)
      out.push_back(e.code);
    return out;
  };
  auto a = names(*merged);
  auto b = names(*full);
  EXPECT_EQ(a.size(), b.size());
  // Error codes may come in the import's order; everything else keeps the hand-written order.
  std::sort(a.end() - static_cast<std::ptrdiff_t>(merged->errors.size()), a.end());
  std::sort(b.end() - static_cast<std::ptrdiff_t>(full->errors.size()), b.end());
  EXPECT_EQ(a, b);
  EXPECT_EQ(merged->outcomes.size(), full->outcomes.size());
  EXPECT_EQ(merged->effects.has_value(), full->effects.has_value());
  EXPECT_EQ(merged->idempotency->token, full->idempotency->token);
  EXPECT_EQ(merged->resources.size(), full->resources.size());
}

// What may run against a real endpoint is decided from the metadata's tags, kept in the model:
// an import's own block, and the base's block under an overlay that does not repeat it. The
// committed imports' blocks say create and paid for this operation, list and free for
// DescribeVpcs.
TEST_F(Overlay, the_imported_tags_come_from_the_import_or_from_the_base_under_an_overlay) {
  const auto imported = load_operation(base());
  ASSERT_TRUE(imported->imported);
  EXPECT_EQ(imported->imported->operation_type, "create");
  EXPECT_EQ(imported->imported->charge_type, "paid");
  const auto overlaid = load_operation(write(json::object()));
  ASSERT_TRUE(overlaid->imported);
  EXPECT_EQ(overlaid->imported->operation_type, "create");
  EXPECT_EQ(overlaid->imported->charge_type, "paid");
  const auto lists = load_operation(source_path("specs/imported/vpc/2016-04-28/DescribeVpcs.json"));
  ASSERT_TRUE(lists->imported);
  EXPECT_EQ(lists->imported->operation_type, "list");
  EXPECT_EQ(lists->imported->charge_type, "free");
}

TEST(operation_model, a_hand_written_spec_has_no_imported_tags) {
  auto doc = merged_document(
      source_path("specs/imported/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json"));
  doc.erase("imported");
  doc["common"] = source_path("specs/imported/common/alibaba-rpc.json");
  ScratchDir dir("hand-written");
  const auto path = dir.path("Op.json");
  write_text(path, doc.dump(2));
  EXPECT_FALSE(load_operation(path)->imported);
}

}  // namespace
}  // namespace conform::spec
