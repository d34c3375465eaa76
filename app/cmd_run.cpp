#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>

#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/run_output.h"
#include "app/spec_files.h"
#include "core/text/ascii.h"
#include "reports/interrupt_guard.h"
#include "suites/run_state.h"

namespace conform::app {
namespace {

constexpr const char* kUsage =
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
    "  --spec FILE        operation spec (default: the only one under the specs directory)\n"
    "  --kind K           run only checks of kind K (repeatable): acceptance, shape, errors,\n"
    "                     preconditions, idempotency, authentication, validation, robustness\n"
    "  --seed N           replay a run exactly (every run prints its seed)\n"
    "  --cases N          random valid and invalid cases per property (default from the target)\n"
    "  --report-dir DIR   where results.json and the reports go (default reports-out)\n"
    "  --allow-billable   let the spec's charge parameter take charging values on a remote "
    "endpoint\n"
    "  --max-orders N     send at most N requests that the contract predicts create an order\n"
    "  --dry-run          print the plan (cases, order-creating requests) and send nothing\n"
    "  --timeout MS       give up on one exchange after MS milliseconds (default 30000)\n"
    "\n"
    "SIGINT or SIGTERM stops sending, marks the checks not finished as not run and ends the\n"
    "reports as interrupted; a second signal ends the process at once.\n"
    "\n"
    "exit: 0 conformant, 1 non-conformance found, 2 usage or tool error, 3 inconclusive checks,\n"
    "      130 (SIGINT) or 143 (SIGTERM) interrupted with no check failed\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "conform run: %s\n(see conform run --help)\n", message.c_str());
  return kExitUsage;
}

struct Plan {
  int requests = 0;
  int creating = 0;
  int checks = 0;
};

struct RunOptions {
  std::string spec_path;
  std::string target_path;
  suite::Target flags_target;
  bool flags_name_target = false;
  std::vector<std::string> kinds;
  std::optional<std::uint64_t> seed;
  std::optional<int> cases;
  std::string report_dir = "reports-out";
  bool dry_run = false;
  bool allow_billable = false;
  std::optional<int> max_orders;
  std::optional<int> timeout_ms;
};

std::string gtest_filter(const std::vector<std::string>& kinds) {
  if (kinds.empty())
    return "*";
  std::string filter;
  for (const auto& k : kinds)
    filter += (filter.empty() ? "" : ":") + k + ".*";
  return filter;
}

// Runs the checks once through GoogleTest with the given session installed.
int run_checks(std::unique_ptr<suite::Session> session, std::uint64_t seed, const RunOptions& o,
               suite::RunState*& state_out,
               const std::function<void(suite::RunState&)>& before = {}) {
  static std::unique_ptr<suite::RunState> state;
  state = std::make_unique<suite::RunState>(std::move(session), seed);
  suite::RunState::install(state.get());
  state_out = state.get();
  if (before)
    before(*state);
  const std::string filter = "--gtest_filter=" + gtest_filter(o.kinds);
  std::vector<std::string> args = {"conform", filter, "--gtest_print_time=0", "--gtest_brief=1"};
  int argc = static_cast<int>(args.size());
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  ::testing::InitGoogleTest(&argc, argv.data());
  return RUN_ALL_TESTS();
}

// The plan comes from running every check against a dry session in a child process, so the real
// run's GoogleTest state is untouched and nothing is sent.
std::optional<Plan> make_plan(const std::shared_ptr<const spec::Operation>& op,
                              const suite::Target& target, std::uint64_t seed,
                              const RunOptions& o) {
  int fds[2];
  if (::pipe(fds) != 0)
    return std::nullopt;
  std::fflush(stdout);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    if (std::freopen("/dev/null", "w", stdout) == nullptr)
      ::_exit(2);
    suite::RunState* state = nullptr;
    run_checks(std::make_unique<suite::Session>(op, target, true), seed, o, state);
    const auto& s = state->session();
    const std::string line = std::to_string(s.requests_sent()) + " " +
                             std::to_string(s.creating_requests_sent()) + " " +
                             std::to_string(state->results().size()) + "\n";
    if (::write(fds[1], line.data(), line.size()) < 0)
      ::_exit(2);
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[256];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  Plan plan;
  if (std::sscanf(text.c_str(), "%d %d %d", &plan.requests, &plan.creating, &plan.checks) != 3)
    return std::nullopt;
  return plan;
}

}  // namespace

int run_run(const Args& args) {
  RunOptions o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size())
        return std::nullopt;
      return args[++i];
    };
    auto number = [&](const std::string& flag, long min) -> std::optional<long> {
      const auto v = value();
      if (!v)
        return std::nullopt;
      char* end = nullptr;
      const long n = std::strtol(v->c_str(), &end, 10);
      if (v->empty() || *end != '\0' || n < min) {
        throw std::invalid_argument(flag + " needs a whole number of at least " +
                                    std::to_string(min));
      }
      return n;
    };
    try {
      if (a == "--help" || a == "-h") {
        std::printf("%s", kUsage);
        return kExitConformant;
      } else if (a == "--dry-run") {
        o.dry_run = true;
      } else if (a == "--allow-billable") {
        o.allow_billable = true;
      } else if (a.rfind("--", 0) != 0) {
        return usage_error("unexpected argument '" + a + "'");
      } else if (a == "--seed") {
        const auto v = value();
        if (!v)
          return usage_error("--seed needs a value");
        char* end = nullptr;
        o.seed = std::strtoull(v->c_str(), &end, 10);
        if (v->empty() || *end != '\0')
          return usage_error("--seed needs a non-negative whole number");
      } else if (a == "--cases") {
        const auto n = number(a, 1);
        if (!n)
          return usage_error("--cases needs a value");
        o.cases = static_cast<int>(*n);
      } else if (a == "--timeout") {
        const auto n = number(a, 1);
        if (!n)
          return usage_error("--timeout needs a value");
        o.timeout_ms = static_cast<int>(*n);
      } else if (a == "--max-orders") {
        const auto n = number(a, 0);
        if (!n)
          return usage_error("--max-orders needs a value");
        o.max_orders = static_cast<int>(*n);
      } else {
        const auto v = value();
        if (!v)
          return usage_error(a + " needs a value");
        if (a == "--spec") {
          o.spec_path = *v;
        } else if (a == "--target") {
          o.target_path = *v;
        } else if (a == "--kind") {
          o.kinds.push_back(*v);
        } else if (a == "--report-dir") {
          o.report_dir = *v;
        } else if (a == "--endpoint") {
          o.flags_target.endpoint = *v;
          o.flags_target.name = *v;
          o.flags_name_target = true;
        } else if (a == "--region") {
          o.flags_target.region = *v;
          o.flags_name_target = true;
        } else {
          // --<state>-<resource> ID and --other-<resource> ID, checked against the spec below.
          const auto name = a.substr(2);
          const auto dash = name.rfind('-');
          if (dash == std::string::npos || dash == 0)
            return usage_error("unknown option '" + a + "'");
          const auto state = name.substr(0, dash);
          o.flags_target.resources.push_back(
              {name.substr(dash + 1), *v, state == "other" ? "" : state, state == "other"});
          o.flags_name_target = true;
        }
      }
    } catch (const std::invalid_argument& e) {
      return usage_error(e.what());
    }
  }

  if (o.spec_path.empty()) {
    const auto specs = find_operation_specs(default_specs_dir());
    if (specs.size() != 1) {
      return usage_error(std::to_string(specs.size()) + " operation specs under " +
                         default_specs_dir() + "; name one with --spec");
    }
    o.spec_path = specs.front();
  }
  const auto op = load_or_report(o.spec_path, "run");
  if (!op)
    return kExitUsage;

  static const std::vector<std::string> kKinds = {"acceptance",    "shape",       "errors",
                                                  "preconditions", "idempotency", "authentication",
                                                  "validation",    "robustness"};
  for (const auto& k : o.kinds) {
    if (std::find(kKinds.begin(), kKinds.end(), k) == kKinds.end())
      return usage_error("unknown kind '" + k + "'");
  }

  suite::Target target;
  try {
    if (o.target_path.empty() && !o.flags_name_target) {
      if (const char* env = std::getenv("CONFORM_TARGET"); env && *env)
        o.target_path = env;
    }
    if (!o.target_path.empty()) {
      if (o.flags_name_target)
        return usage_error("--target and --endpoint/--region/resource flags exclude each other");
      target = suite::load_target(o.target_path, *op);
    } else if (o.flags_name_target) {
      if (o.flags_target.endpoint.empty())
        return usage_error("--region and resource flags need --endpoint");
      target = o.flags_target;
      // Resource flags name states in lower case; the spec's spelling is found case-insensitively.
      for (auto& r : target.resources) {
        const auto* res = op->find_resource(r.resource);
        if (!res)
          return usage_error("the spec has no resource '" + r.resource + "' (from --" + r.state +
                             "-" + r.resource + ")");
        for (const auto& s : res->states) {
          if (text::iequals(s.name, r.state))
            r.state = s.name;
        }
      }
      suite::validate_target(target, *op);
    }
  } catch (const suite::TargetError& e) {
    return usage_error(e.what());
  }
  if (o.allow_billable)
    target.allow_billable = true;
  if (o.max_orders)
    target.max_orders = o.max_orders;
  if (o.cases)
    target.valid_cases = target.invalid_cases = *o.cases;
  if (o.timeout_ms)
    target.timeout = std::chrono::milliseconds(*o.timeout_ms);

  const std::uint64_t seed = o.seed ? *o.seed : std::random_device{}();
  std::printf("conform run: %s %s against %s, seed %llu (replay with --seed %llu)\n",
              op->action.c_str(), op->version.c_str(),
              target.is_embedded_mock() ? "the embedded mock" : target.endpoint.c_str(),
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));

  const bool billing_op = op->effects && op->effects->billable;
  int planned_checks = 0;
  if (billing_op || o.dry_run) {
    const auto plan = make_plan(op, target, seed, o);
    if (!plan) {
      std::fprintf(stderr, "conform run: could not work out the plan\n");
      return kExitUsage;
    }
    std::printf("conform run: plan: %d checks, %d requests, %d of them predicted to create %s%s\n",
                plan->checks, plan->requests, plan->creating,
                billing_op ? op->effects->creates.c_str() : "anything",
                target.max_orders
                    ? (" (capped at " + std::to_string(*target.max_orders) + ")").c_str()
                    : "");
    if (billing_op && !target.is_local()) {
      std::printf("conform run: %s is not local: %s%s\n", target.endpoint.c_str(),
                  target.allow_billable
                      ? "--allow-billable is given: requests may be charged"
                      : ("every request carries " + op->effects->charge_parameter.value_or("") +
                         "=" + op->effects->safe_value.value_or("") + " (no charge)")
                            .c_str(),
                  "");
    }
    planned_checks = plan->checks;
    if (o.dry_run)
      return kExitConformant;
  }

  std::unique_ptr<suite::Session> session;
  try {
    session = std::make_unique<suite::Session>(op, target);
  } catch (const client::CredentialsError& e) {
    return usage_error(e.what());
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "conform run: cannot start the embedded mock: %s\n", e.what());
    return kExitUsage;
  }
  RunReports reports(o.report_dir, session->secrets());
  // Installed only now: the plan's child process and a usage error keep the default handlers.
  report::InterruptGuard interrupt;
  session->set_stop([&interrupt] { return interrupt.reason(); });
  suite::RunState* state = nullptr;
  const int gtest_status = run_checks(std::move(session), seed, o, state, [&](suite::RunState& s) {
    reports.begin(s, seed, planned_checks);
  });
  return reports.finish(*state, gtest_status, interrupt.signal(), interrupt.reason());
}

}  // namespace conform::app
