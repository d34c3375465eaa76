// conform import api-docs against the published metadata beside the project (../shared/metadata).
// Expected values are typed from the metadata file by hand, not computed by the importer's code.
#include "importer/api_docs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "core/spec/loader.h"
#include "tests/support/run_command.h"
#include "tests/support/test_paths.h"

namespace conform::importer {
namespace {

namespace fs = std::filesystem;
using conform::testing::ScratchDir;

std::string metadata(const std::string& name) {
  return (fs::path(CONFORM_SOURCE_DIR) / ".." / "shared" / "metadata" / name).string();
}

#define REQUIRE_METADATA(name)     \
  if (!fs::exists(metadata(name))) \
  GTEST_SKIP() << "the published metadata is not beside the project at " << metadata(name)

ImportResult import_into(const std::string& file, const std::string& out,
                         std::vector<std::string> operations = {}) {
  return import_api_docs({metadata(file), out,
                          conform::testing::source_path("specs/common/alibaba-rpc.json"),
                          std::move(operations)});
}

// Every operation spec written under `dir`, each loaded by the loader as conform loads specs
// (`load` false: counted only, where the importer's own load check is enough and time counts).
std::size_t load_every_spec(const fs::path& dir, bool load = true) {
  std::size_t loaded = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".json" || e.path().parent_path().filename() == "common" ||
        e.path().filename() == kSummaryFile)
      continue;
    if (load) {
      EXPECT_NO_THROW(spec::load_operation(e.path().string())) << e.path();
    }
    ++loaded;
  }
  return loaded;
}

TEST(import_api_docs, the_whole_vpc_snapshot_gives_one_loadable_spec_per_operation) {
  REQUIRE_METADATA("vpc-2016-04-28-api-docs.json");
  ScratchDir dir("import-vpc");
  const auto r = import_into("vpc-2016-04-28-api-docs.json", dir.path("out"));
  EXPECT_EQ(r.product, "Vpc");
  EXPECT_EQ(r.version, "2016-04-28");
  EXPECT_EQ(r.format_version, "1.0");
  EXPECT_EQ(r.operations, 394u);
  EXPECT_EQ(r.imported.size(), 394u);
  EXPECT_EQ(r.skipped.size(), 394u - 394u);
  EXPECT_EQ(load_every_spec(dir.path("out"), false), 394u);
  EXPECT_TRUE(fs::exists(dir.path("out/common/alibaba-rpc.json")));
  EXPECT_TRUE(fs::exists(dir.path("out/import-summary.json")));
  // The counts measured on the snapshot of 2025-12-19, typed in: a change means the importer
  // maps more or less than it did.
  const std::map<std::string, std::size_t> unmapped = {
      {"allow-empty-value", 37},  {"deprecated-parameter", 1},
      {"duplicate-parameter", 3}, {"empty-object", 86},
      {"enum-form", 3},           {"error-code-form", 40},
      {"invalid-default", 1},     {"invalid-example", 8},
      {"length-on-array", 10},    {"required-disagrees", 67},
      {"response-array", 144},    {"response-format", 258}};
  EXPECT_EQ(r.unmapped_by_reason(), unmapped);
}

TEST(import_api_docs, the_whole_slb_snapshot_gives_one_loadable_spec_per_operation) {
  REQUIRE_METADATA("slb-2014-05-15-api-docs.json");
  ScratchDir dir("import-slb");
  const auto r = import_into("slb-2014-05-15-api-docs.json", dir.path("out"));
  EXPECT_EQ(r.product, "Slb");
  EXPECT_EQ(r.version, "2014-05-15");
  EXPECT_EQ(r.operations, 93u);
  EXPECT_EQ(r.imported.size(), 93u);
  EXPECT_EQ(load_every_spec(dir.path("out")), 93u);
  EXPECT_TRUE(fs::exists(dir.path("out/slb/2014-05-15/CreateLoadBalancer.json")));
  EXPECT_TRUE(r.skipped.empty());
  const std::map<std::string, std::size_t> unmapped = {
      {"allow-empty-value", 18}, {"deprecated-parameter", 4}, {"empty-object", 49},
      {"error-code-form", 10},   {"invalid-default", 4},      {"required-disagrees", 8},
      {"response-array", 51},    {"response-format", 81}};
  EXPECT_EQ(r.unmapped_by_reason(), unmapped);
}

TEST(import_api_docs, is_a_pure_function_of_the_file) {
  REQUIRE_METADATA("vpc-2016-04-28-api-docs.json");
  ScratchDir dir("import-twice");
  const std::vector<std::string> some = {"CreatePhysicalConnectionOccupancyOrder", "CreateVpc",
                                         "DescribeVpcs", "CreateNatGateway", "DeleteVSwitch"};
  import_into("vpc-2016-04-28-api-docs.json", dir.path("a"), some);
  import_into("vpc-2016-04-28-api-docs.json", dir.path("b"), some);
  std::size_t compared = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path("a"))) {
    if (!e.is_regular_file())
      continue;
    const auto twin = fs::path(dir.path("b")) / fs::relative(e.path(), dir.path("a"));
    ASSERT_TRUE(fs::exists(twin)) << twin;
    EXPECT_EQ(conform::testing::read_text(e.path().string()),
              conform::testing::read_text(twin.string()))
        << e.path();
    ++compared;
  }
  std::size_t in_b = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path("b")))
    in_b += e.is_regular_file() ? 1u : 0u;
  EXPECT_EQ(compared, in_b);
  EXPECT_EQ(compared, some.size() + 2);  // the specs, the common spec, the summary
}

TEST(import_api_docs, a_file_that_is_not_json_is_exit_2_with_its_position_and_writes_nothing) {
  ScratchDir dir("import-bad");
  conform::testing::write_text(dir.path("bad.json"), "{\"version\": \"1.0\",\n  \"apis\": {,}}");
  const auto r = conform::testing::run_conform("import api-docs '" + dir.path("bad.json") +
                                               "' --out '" + dir.path("out") + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(dir.path("bad.json") + ":line 2"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path("out")));
  std::size_t left = 0;
  for (const auto& e : fs::directory_iterator(dir.path()))
    left += e.path().filename() != "bad.json" ? 1u : 0u;
  EXPECT_EQ(left, 0u);
}

TEST(import_api_docs, a_file_of_the_wrong_shape_is_exit_2_with_file_and_pointer) {
  ScratchDir dir("import-shape");
  conform::testing::write_text(
      dir.path("shape.json"),
      R"({"version": "1.0", "info": {"style": "RPC", "product": "P", "version": "2020-01-01"},)"
      R"( "apis": []})");
  const auto r = conform::testing::run_conform("import api-docs '" + dir.path("shape.json") +
                                               "' --out '" + dir.path("out") + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(dir.path("shape.json") + ":/apis: "), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path("out")));
}

// Facts typed from vpc-2016-04-28-api-docs.json, /apis/CreatePhysicalConnectionOccupancyOrder.
TEST(import_api_docs, the_occupancy_order_holds_the_facts_of_its_metadata) {
  REQUIRE_METADATA("vpc-2016-04-28-api-docs.json");
  ScratchDir dir("import-one");
  const auto r = conform::testing::run_conform(
      "import api-docs '" + metadata("vpc-2016-04-28-api-docs.json") + "' --out '" +
      dir.path("out") + "' --operation CreatePhysicalConnectionOccupancyOrder");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("394 operations, 1 imported, 0 skipped"), std::string::npos) << r.out;
  const auto op = spec::load_operation(
      dir.path("out/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json"));
  struct Expected {
    const char* name;
    spec::ValueType type;
    spec::IntegerFormat format;
    bool required;
  };
  using VT = spec::ValueType;
  using IF = spec::IntegerFormat;
  const std::vector<Expected> expected = {{"RegionId", VT::kString, IF::kNone, true},
                                          {"PhysicalConnectionId", VT::kString, IF::kNone, true},
                                          {"Period", VT::kInteger, IF::kInt32, false},
                                          {"InstanceChargeType", VT::kString, IF::kNone, false},
                                          {"AutoPay", VT::kBoolean, IF::kNone, false},
                                          {"PricingCycle", VT::kString, IF::kNone, false},
                                          {"ClientToken", VT::kString, IF::kNone, false},
                                          {"AutoRenew", VT::kBoolean, IF::kNone, false},
                                          {"AutoRenewDuration", VT::kInteger, IF::kInt32, false}};
  ASSERT_EQ(op->parameters.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& p = op->parameters[i];
    EXPECT_EQ(p.name, expected[i].name);
    EXPECT_EQ(p.type, expected[i].type) << p.name;
    EXPECT_EQ(p.format, expected[i].format) << p.name;
    EXPECT_EQ(p.required, expected[i].required) << p.name;
    EXPECT_EQ(p.locations, std::vector<spec::Location>{spec::Location::kQuery}) << p.name;
    EXPECT_TRUE(p.description.empty()) << p.name;
  }
  EXPECT_EQ(op->parameters[0].example, "cn-hangzhou");
  std::vector<std::pair<std::string, int>> own;
  for (const auto& e : op->errors)
    if (!e.common)
      own.emplace_back(e.code, e.http);
  const std::vector<std::pair<std::string, int>> codes = {
      {"IAbs.InvalidStatus.ValueNotSupported", 400},
      {"InvalidPrice.NotFound", 400},
      {"InvalidPhysicalConnectionChargeType.Malformed", 400},
      {"InvalidPhysicalConnectionPeriod.Malformed", 400},
      {"InvalidPhysicalConnectionPricingCycle.Malformed", 400},
      {"Forbidden.NotAllowedInState", 400},
      {"INSTANCE.STATUS.NOT.ALLOW", 400},
      {"Abs.InstanceNotExist", 400},
      {"IncorrectStatus.PhysicalConnection", 400},
      {"InvalidRegionId.NotFound", 404},
      {"InvalidPhysicalConnectionId.NotFound", 404}};
  EXPECT_EQ(own, codes);
  EXPECT_EQ(op->find_error("Forbidden.NotAllowedInState", 400)->message,
            "The request does not allow in this state.");
  ASSERT_EQ(op->response.fields.size(), 2u);
  EXPECT_EQ(op->response.fields[0].name, "Data");
  ASSERT_EQ(op->response.fields[0].fields.size(), 1u);
  EXPECT_EQ(op->response.fields[0].fields[0].name, "OrderId");
  EXPECT_EQ(op->response.fields[1].name, "RequestId");

  const auto raw = nlohmann::json::parse(conform::testing::read_text(
      dir.path("out/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json")));
  EXPECT_EQ(raw["imported"]["file"], "vpc-2016-04-28-api-docs.json");
  EXPECT_EQ(raw["imported"]["format_version"], "1.0");
  EXPECT_EQ(raw["imported"]["pointer"], "/apis/CreatePhysicalConnectionOccupancyOrder");
  EXPECT_EQ(raw["imported"]["charge_type"], "paid");
  EXPECT_EQ(raw["imported"]["operation_type"], "create");
  EXPECT_EQ(raw["parameters"][2]["from"],
            "/apis/CreatePhysicalConnectionOccupancyOrder/parameters/2");
  EXPECT_EQ(raw["errors"][9]["from"],
            "/apis/CreatePhysicalConnectionOccupancyOrder/errorCodes/404/0");
  EXPECT_EQ(raw.dump().find("\"description\""), std::string::npos);
}

// Typed from /apis/CreateVpc/parameters/7 and /apis/CreateNatGateway/parameters/19.
TEST(import_api_docs, lists_and_structs_keep_their_wire_style_and_shape) {
  REQUIRE_METADATA("vpc-2016-04-28-api-docs.json");
  ScratchDir dir("import-styles");
  import_into("vpc-2016-04-28-api-docs.json", dir.path("out"), {"CreateVpc", "CreateNatGateway"});
  const auto vpc = nlohmann::json::parse(
      conform::testing::read_text(dir.path("out/vpc/2016-04-28/CreateVpc.json")));
  nlohmann::json tag;
  for (const auto& p : vpc["parameters"])
    if (p["name"] == "Tag")
      tag = p;
  EXPECT_EQ(tag["type"], "array");
  EXPECT_EQ(tag["style"], "repeatList");
  EXPECT_EQ(tag["shape"]["max_items"], 21);
  EXPECT_EQ(tag["shape"]["items"]["type"], "object");
  EXPECT_EQ(tag["shape"]["items"]["members"][0]["name"], "Key");
  EXPECT_EQ(tag["shape"]["items"]["members"][1]["name"], "Value");
  const auto nat = nlohmann::json::parse(
      conform::testing::read_text(dir.path("out/vpc/2016-04-28/CreateNatGateway.json")));
  nlohmann::json mode;
  for (const auto& p : nat["parameters"])
    if (p["name"] == "AccessMode")
      mode = p;
  EXPECT_EQ(mode["style"], "json");
  EXPECT_EQ(mode["type"], "object");
  const auto op = spec::load_operation(dir.path("out/vpc/2016-04-28/CreateVpc.json"));
  EXPECT_EQ(op->find_parameter("Tag")->style, "repeatList");
}

}  // namespace
}  // namespace conform::importer
