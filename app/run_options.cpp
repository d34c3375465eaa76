#include "app/run_options.h"

#include <climits>
#include <cstdio>
#include <map>
#include <string>

#include "core/text/ascii.h"
#include "suites/check_kinds.h"

namespace conform::app {
namespace {

constexpr const char* kUsageBeforeKinds =
    "usage: conform run [target] [options]\n"
    "\n"
    "Runs the conformance suite. The target is the embedded mock unless one of these names "
    "another:\n"
    "  --target FILE            a target file (also $CONFORM_TARGET); see targets/README.md\n"
    "  --endpoint URL           an endpoint, with:\n"
    "  --region ID              the region to use\n"
    "  --<state>-<resource> ID  a resource in a state, e.g. one the operation accepts "
    "(repeatable)\n"
    "  --other-<resource> ID    a resource in some state the operation refuses (repeatable)\n"
    "Credentials come from ALIBABA_CLOUD_ACCESS_KEY_ID, _SECRET and _SECURITY_TOKEN (or the\n"
    "variables a target file names); never from a file or a flag.\n"
    "\n"
    "options:\n"
    "  --spec FILE        one operation spec\n"
    "  --spec-dir DIR     every operation spec under DIR (default: the specs directory)\n"
    "  --operation NAME   run only this operation, by action name (repeatable)\n"
    "  --shard K/N        run the K-th of N shares of the operations (round-robin in action "
    "order);\n"
    "                     join the shards' report directories with conform report merge\n"
    "  --kind K           run only checks of kind K (repeatable):";

constexpr const char* kUsageAfterKinds =
    "  --seed N           replay a run exactly (every run prints its seed)\n"
    "  --cases N          random valid and invalid cases per property (default from the target)\n"
    "  --report-dir DIR   where results.json and the reports go (default reports-out)\n"
    "  --allow-billable   let the spec's charge parameter take charging values on a remote "
    "endpoint,\n"
    "                     and run paid operations whose spec names no charge parameter\n"
    "  --allow-operation NAME  on an endpoint that is not loopback, also run this operation\n"
    "                     (repeatable); by default only operations an imported spec says read\n"
    "                     (get, list) run there, and hand-written specs\n"
    "  --allow-operation-type TYPE  ... or every operation of this type: create, update,\n"
    "                     delete, ... (repeatable)\n"
    "  --max-orders N     send at most N requests that may create an order (on an endpoint that\n"
    "                     is not loopback every request may; default there 10)\n"
    "  --max-requests N   send at most N requests, retries included (default on an endpoint that\n"
    "                     is not loopback: what the spec's quota allows in 10 minutes)\n"
    "  --max-shrink-steps N  shrink each failing property by at most N steps (default 20 on an\n"
    "                     endpoint that is not loopback, 500 on the loopback)\n"
    "  --dry-run          print the plan (cases, order-creating requests) and send nothing\n"
    "  --timeout MS       give up on one exchange after MS milliseconds (default 30000)\n"
    "  --in-flight N      cases each check keeps in flight (default 32 on the loopback, 1 or 2\n"
    "                     elsewhere as the quota allows; 1 when a budget is set); results are\n"
    "                     the same for a seed whatever N is\n"
    "\n"
    "SIGINT or SIGTERM stops sending, marks the checks not finished as not run and ends the\n"
    "reports as interrupted; a second signal ends the process at once.\n"
    "\n"
    "exit: 0 conformant, 1 non-conformance found, 2 usage or tool error, 3 inconclusive checks,\n"
    "      130 (SIGINT) or 143 (SIGTERM) interrupted with no check failed\n";

// The kinds come from suites/kinds.txt, wrapped under the option descriptions.
std::string usage() {
  constexpr std::size_t kWidth = 90;
  constexpr std::size_t kIndent = 21;
  std::string text = kUsageBeforeKinds;
  std::size_t column = text.size() - text.rfind('\n') - 1;
  for (std::size_t i = 0; i < suite::kCheckKinds.size(); ++i) {
    const std::string word =
        " " + std::string(suite::kCheckKinds[i]) + (i + 1 < suite::kCheckKinds.size() ? "," : "");
    if (column + word.size() > kWidth) {
      text += "\n" + std::string(kIndent - 1, ' ');
      column = kIndent - 1;
    }
    text += word;
    column += word.size();
  }
  return text + "\n" + kUsageAfterKinds;
}

constexpr int kMaxInFlight = 256;
constexpr const char* kTooBig = "needs a whole number of at most 2147483647";  // INT_MAX

}  // namespace

std::optional<cli::Parsed> parse_run_options(const Args& args, RunOptions& o) {
  CLI::App app("conform run");
  cli::configure(app, usage());
  std::string endpoint;
  std::string region;
  app.add_option("--spec", o.spec_path);
  app.add_option("--spec-dir", o.spec_dir);
  app.add_option("--operation", o.operations)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--allow-operation", o.allow_operations)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--allow-operation-type", o.allow_operation_types)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  std::string shard;
  app.add_option("--shard", shard);
  app.add_option("--target", o.target_path);
  app.add_option("--endpoint", endpoint);
  app.add_option("--region", region);
  app.add_option("--kind", o.kinds)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--seed", o.seed)->check(cli::unsigned_64("needs a non-negative whole number"));
  app.add_option("--cases", o.cases)
      ->check(cli::whole_number(1, INT_MAX, "needs a whole number of at least 1", kTooBig));
  app.add_option("--report-dir", o.report_dir);
  app.add_flag("--allow-billable", o.allow_billable);
  app.add_option("--max-orders", o.max_orders)
      ->check(cli::whole_number(0, INT_MAX, "needs a whole number of at least 0", kTooBig));
  app.add_option("--max-requests", o.max_requests)
      ->check(cli::whole_number(0, INT_MAX, "needs a whole number of at least 0", kTooBig));
  app.add_option("--max-shrink-steps", o.max_shrink_steps)
      ->check(cli::whole_number(0, INT_MAX, "needs a whole number of at least 0", kTooBig));
  app.add_flag("--dry-run", o.dry_run);
  app.add_option("--timeout", o.timeout_ms)
      ->check(cli::whole_number(1, INT_MAX, "needs a whole number of at least 1", kTooBig));
  app.add_option("--in-flight", o.in_flight)
      ->check(cli::whole_number(1, kMaxInFlight, "needs a whole number of at least 1",
                                "needs a whole number of at most 256"));

  auto parsed = cli::parse(app, args);
  if (parsed.help) {
    std::printf("%s", app.help().c_str());
    return parsed;
  }
  if (parsed.error)
    return parsed;
  if (!shard.empty()) {
    int k = 0;
    int n = 0;
    char rest = 0;
    if (std::sscanf(shard.c_str(), "%d/%d%c", &k, &n, &rest) != 2 || n < 1 || k < 1 || k > n) {
      parsed.error = "--shard " + shard + ": needs K/N with 1 <= K <= N, e.g. 2/4";
      return parsed;
    }
    o.shard_index = k - 1;
    o.shard_total = n;
  }
  if (app.count("--endpoint") > 0) {
    o.flags_target.endpoint = endpoint;
    o.flags_target.name = endpoint;
    o.flags_name_target = true;
  }
  if (app.count("--region") > 0) {
    o.flags_target.region = region;
    o.flags_name_target = true;
  }
  o.resource_flags = cli::leftovers(app);
  return std::nullopt;
}

std::optional<std::string> add_resource_flags(RunOptions& o, const spec::Operation& op) {
  // Every flag the spec defines, and the resource each one gives.
  std::vector<std::string> known;
  std::map<std::string, suite::TargetResource> meaning;
  for (const auto& [name, resource] : op.resources) {
    if (resource.states.empty())
      continue;
    for (const auto& s : resource.states) {
      known.push_back("--" + text::to_lower(s.name) + "-" + name);
      meaning[known.back()] = {name, "", s.name, false, {}};
    }
    known.push_back("--other-" + name);
    meaning[known.back()] = {name, "", "", true, {}};
  }
  const auto read = cli::spec_flags(o.resource_flags, known);
  if (read.error)
    return read.error;
  for (const auto& flag : read.flags) {
    auto resource = meaning.at(flag.name);
    resource.id = flag.value;
    o.flags_target.resources.push_back(resource);
    o.flags_name_target = true;
  }
  return std::nullopt;
}

}  // namespace conform::app
