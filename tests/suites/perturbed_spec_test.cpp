// The suite judges an endpoint by the spec it is given, not by its own mock: `conform run --spec
// ORIGINAL` against `conform mock --spec EDITED`, two processes that share nothing but the wire.
// A perturbed copy (a contract break an endpoint could make) must fail the run; a copy that only
// enforces what the product's convention adds (an independent implementation could) must not.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "tests/support/mock_process.h"
#include "tests/support/run_command.h"

namespace conform::testing {
namespace {

using nlohmann::json;

const std::string kOperation = "specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json";
json& named(json& list, const std::string& key, const std::string& value) {
  for (auto& entry : list) {
    if (entry.value(key, "") == value)
      return entry;
  }
  throw std::runtime_error("no entry with " + key + "=" + value);
}

json& parameter(json& op, const std::string& name) {
  return named(op["parameters"], "name", name);
}

json& outcome(json& op, const std::string& id) {
  return named(op["outcomes"], "id", id);
}

void drop_rule(json& op, const std::string& id) {
  auto& rules = op["rules"];
  for (auto it = rules.begin(); it != rules.end(); ++it) {
    if ((*it)["id"] == id) {
      rules.erase(it);
      return;
    }
  }
  throw std::runtime_error("no rule " + id);
}

// A copy of the whole specs tree (the operation names its common file by a relative path) with the
// operation file edited; returns the edited operation's path.
std::string edited_copy(const ScratchDir& dir, const std::function<void(json&)>& edit) {
  std::filesystem::copy(source_path("specs"), dir.path("specs"),
                        std::filesystem::copy_options::recursive);
  const auto path = dir.path(kOperation);
  json op = json::parse(read_text(path));
  edit(op);
  write_text(path, op.dump(2));
  return path;
}

struct Verdict {
  int exit_code = -1;
  std::string out;
};

// The mock from `mock_spec`, the whole suite from the original spec against it.
Verdict run_original_against_mock_of(const std::string& mock_spec, const std::string& name) {
  MockProcess mock({"--spec", mock_spec});
  if (mock.url().empty())
    return {-1, "the mock did not start from " + mock_spec};
  ScratchDir reports(name + "-reports");
  const auto r = run_command(
      kMockCredentials + "'" + CONFORM_BINARY + "' run --spec '" + source_path(kOperation) +
      "' --seed 7 --cases 10 --report-dir " + reports.path() + " --endpoint " + mock.url() +
      " --region cn-hangzhou --complete-circuit pc-mock-complete --enabled-circuit "
      "pc-mock-enabled");
  return {r.exit_code, r.out + r.err};
}

struct Perturbation {
  std::string name;
  std::function<void(json&)> edit;
};

std::vector<Perturbation> perturbations() {
  return {
      {"range shifted",
       [](json& op) {
         auto& p = parameter(op, "Period");
         p["minimum"] = 2;
         p["maximum"] = 10;
         p["example"] = "2";  // the copy must still load: an example outside the range does not
         for (auto& c : p["conditional"]) {
           c["minimum"] = c["minimum"].get<int>() + 1;
           c["maximum"] = c["maximum"].get<int>() + 1;
         }
       }},
      {"enum value removed",
       [](json& op) {
         auto& p = parameter(op, "PricingCycle");
         p["enum"] = json::array({"Month"});
         // The range that holds only with the removed value goes with it.
         auto& conditional = parameter(op, "Period")["conditional"];
         conditional.erase(conditional.begin() + 1);
       }},
      {"code swapped",
       [](json& op) {
         std::swap(outcome(op, "charge-type-invalid")["accept"],
                   outcome(op, "pricing-cycle-invalid")["accept"]);
       }},
      {"required flag dropped",
       [](json& op) {
         parameter(op, "RegionId")["required"] = false;
         drop_rule(op, "region-present");  // a present rule needs a required parameter
       }},
      {"XML root renamed",
       [](json& op) {
         op["response"]["xml_root"] = "CreatePhysicalConnectionOccupancyOrderResult";
       }},
  };
}

TEST(perturbed_spec, each_perturbation_of_the_mock_fails_the_run_of_the_original_spec) {
  for (const auto& perturbation : perturbations()) {
    SCOPED_TRACE(perturbation.name);
    ScratchDir dir("perturbed");
    const auto spec = edited_copy(dir, perturbation.edit);
    const auto lint = run_conform("lint '" + spec + "'");
    ASSERT_EQ(lint.exit_code, 0) << "the perturbed copy must load: " << lint.out << lint.err;
    const auto verdict = run_original_against_mock_of(spec, "perturbed");
    EXPECT_EQ(verdict.exit_code, 1) << verdict.out;
  }
}

// The product's convention for the client token (ASCII only, at most 64 characters), enforced as
// an independent implementation would: a declared limit and a rule that checks it.
TEST(perturbed_spec, a_server_enforcing_the_token_convention_is_conformant) {
  ScratchDir dir("convention");
  const auto spec = edited_copy(dir, [](json& op) {
    auto& token = parameter(op, "ClientToken");
    token.erase("convention");
    token["max_length"] = 64;
    token["pattern"] = "^[\\x20-\\x7E]*$";
    auto& rules = op["rules"];
    rules.insert(rules.begin() + 2, json{{"id", "client-token-valid"},
                                         {"check", "valid"},
                                         {"param", "ClientToken"},
                                         {"outcome", "invalid-parameter"}});
  });
  const auto lint = run_conform("lint '" + spec + "'");
  ASSERT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  const auto verdict = run_original_against_mock_of(spec, "convention");
  EXPECT_EQ(verdict.exit_code, 0) << verdict.out;
}

// Hidden parameters are undocumented, so a server may refuse any value of them; valid cases never
// send one (spec::open_reading), and the observation cases that do are never failures.
TEST(perturbed_spec, a_server_refusing_every_hidden_parameter_value_is_conformant) {
  ScratchDir dir("hidden");
  const auto spec = edited_copy(dir, [](json& op) {
    auto& rules = op["rules"];
    for (auto& p : op["parameters"]) {
      if (!p.value("hidden", false))
        continue;
      if (p["type"] == "string") {
        p["enum"] = json::array({"strict-only"});
        const std::string name = p["name"];
        rules.insert(rules.begin() + 2, json{{"id", "strict-" + std::to_string(rules.size())},
                                             {"check", "valid"},
                                             {"param", name},
                                             {"outcome", "invalid-parameter"}});
      } else {
        p["minimum"] = 7;
        p["maximum"] = 7;
      }
    }
  });
  const auto lint = run_conform("lint '" + spec + "'");
  ASSERT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  const auto verdict = run_original_against_mock_of(spec, "hidden");
  EXPECT_EQ(verdict.exit_code, 0) << verdict.out;
}

}  // namespace
}  // namespace conform::testing
