// `conform run` on imported operations whose required parameters are lists (the published metadata
// beside the project, ../shared/metadata): against the embedded mock each is CONFORMANT with the
// list actually sent, and a mock that ignores a list's item limit is caught.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/mock_process.h"
#include "tests/support/run_command.h"

namespace conform::testing {
namespace {

namespace fs = std::filesystem;

const std::string kVpc = "vpc-2016-04-28-api-docs.json";
// Each has a required repeatList parameter: of IDs, of IDs with a struct list beside it, of
// structs with required members.
const std::vector<std::pair<std::string, std::string>> kOperations = {
    {"AddCommonBandwidthPackageIps", "IpInstanceIds"},
    {"TagResources", "Tag"},
    {"CreateRouteEntries", "RouteEntries"},
    {"DeleteTrafficMirrorFilterRules", "TrafficMirrorFilterRuleIds"},
};

std::string metadata() {
  return (fs::path(CONFORM_SOURCE_DIR) / ".." / "shared" / "metadata" / kVpc).string();
}

#define REQUIRE_METADATA()     \
  if (!fs::exists(metadata())) \
  GTEST_SKIP() << "the published metadata is not beside the project at " << metadata()

// Imports the operations once into a scratch directory; the spec path of one operation.
std::string imported(const std::string& operation) {
  static ScratchDir dir("styled-import");
  static const bool done = [] {
    std::string args = "import api-docs '" + metadata() + "' --out " + dir.path("specs");
    for (const auto& [name, param] : kOperations)
      args += " --operation " + name;
    const auto r = run_conform(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.exit_code == 0;
  }();
  (void)done;
  return dir.path("specs") + "/vpc/2016-04-28/" + operation + ".json";
}

std::uint64_t coverage_of(const nlohmann::json& results, const std::string& param) {
  for (const auto& p : results["coverage"]["parameters"])
    if (p["name"] == param)
      return p["count"];
  return 0;
}

TEST(cli_styled_run, operations_with_required_lists_are_conformant_with_the_list_sent) {
  REQUIRE_METADATA();
  for (const auto& [operation, list] : kOperations) {
    ScratchDir dir("styled-run");
    const auto r = run_conform("run --spec '" + imported(operation) +
                               "' --seed 5 --cases 10 --report-dir " + dir.path());
    EXPECT_EQ(r.exit_code, 0) << operation << "\n" << r.out << r.err;
    const auto results = nlohmann::json::parse(read_text(dir.path("results.json")));
    EXPECT_GT(coverage_of(results, list), 0u) << operation << " sent no " << list;
    for (const auto& c : results["checks"]) {
      EXPECT_NE(c["verdict"], "failed") << operation << ": " << c["name"] << ": " << c["message"];
      if (c["verdict"] == "skipped") {
        const std::string message = c["message"];
        EXPECT_EQ(message.find("travels as"), std::string::npos) << operation << ": " << message;
      }
    }
  }
}

// Fails when the generators stop sending one item more than a list allows: the mock below accepts
// it, and only that case can tell.
TEST(cli_styled_run, a_mock_ignoring_the_item_limit_is_caught) {
  REQUIRE_METADATA();
  const std::string spec = imported("AddCommonBandwidthPackageIps");
  MockProcess mock({"--spec", spec, "--fault", "skip-rule=ip-instance-ids-valid"});
  ASSERT_FALSE(mock.url().empty());
  ScratchDir dir("styled-limit");
  const auto r = run_command(kMockCredentials + "'" + CONFORM_BINARY + "' run --spec '" + spec +
                             "' --kind validation --seed 5 --cases 10 --endpoint " + mock.url() +
                             " --report-dir " + dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("ip-instance-ids-valid"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace conform::testing
