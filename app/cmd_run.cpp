#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>

#include "app/commands.h"
#include "app/embedded_target.h"
#include "app/exit_codes.h"
#include "app/run_options.h"
#include "app/run_output.h"
#include "app/spec_files.h"
#include "core/text/ascii.h"
#include "reports/interrupt_guard.h"
#include "suites/check_kinds.h"
#include "suites/generated_cases.h"
#include "suites/run_context.h"

namespace conform::app {
namespace {

int usage_error(const std::string& message) {
  std::fprintf(stderr, "conform run: %s\n(see conform run --help)\n", message.c_str());
  return kExitUsage;
}

struct Plan {
  int requests = 0;
  int creating = 0;  // requests that may create an order
  int checks = 0;
  int properties = 0;
};

// On an endpoint that is not loopback: the orders a run may create unless told otherwise, and how
// long the default request budget lasts at the spec's quota.
constexpr int kDefaultOrderCap = 10;
constexpr int kDefaultBudgetSeconds = 600;
// A shrink step may send two requests (a case and the request it needs first).
constexpr int kRequestsPerShrinkStep = 2;

std::string duration_text(double seconds) {
  char text[64];
  if (seconds < 120)
    std::snprintf(text, sizeof text, "%.0f s", seconds);
  else if (seconds < 7200)
    std::snprintf(text, sizeof text, "%.1f min", seconds / 60);
  else
    std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
  return text;
}

// The budgets' lines of the plan: the worst case, what the caps let through, and how to raise them.
void print_budgets(const spec::Operation& op, const suite::Target& target, const Plan& plan,
                   bool default_order_cap, bool default_request_budget) {
  const long shrink =
      static_cast<long>(plan.properties) * suite::shrink_budget(target) * kRequestsPerShrinkStep;
  const long worst = plan.requests + shrink;
  std::printf(
      "conform run: plan: worst case %ld requests (%d cases, and up to %d shrink steps for "
      "each of %d properties that may fail)",
      worst, plan.requests, suite::shrink_budget(target), plan.properties);
  if (op.quota && op.quota->requests > 0) {
    const double per_second = static_cast<double>(op.quota->requests) / op.quota->per_seconds;
    std::printf(", %s at the spec's quota of %d per %d s",
                duration_text(static_cast<double>(worst) / per_second).c_str(), op.quota->requests,
                op.quota->per_seconds);
  }
  std::printf("\n");
  if (target.max_requests) {
    std::printf("conform run: plan: at most %d requests are sent (--max-requests%s)\n",
                *target.max_requests,
                default_request_budget ? ", the default on an endpoint that is not loopback: "
                                         "raise it with --max-requests N"
                                       : "");
  }
  const bool every_request = op.effects && op.effects->billable && !target.is_local();
  if (every_request) {
    long orders = plan.creating + shrink;
    if (target.max_orders)
      orders = std::min<long>(orders, *target.max_orders);
    if (target.max_requests)
      orders = std::min<long>(orders, *target.max_requests);
    std::printf(
        "conform run: plan: order count %ld: every request this endpoint accepts may create "
        "%s%s\n",
        orders, op.effects->creates.c_str(),
        target.max_orders
            ? (" (capped at " + std::to_string(*target.max_orders) + " by --max-orders" +
               (default_order_cap ? ", the default on an endpoint that is not loopback: "
                                    "raise it with --max-orders N"
                                  : "") +
               ")")
                  .c_str()
            : "");
  }
  const bool no_room = (target.max_requests && *target.max_requests == 0) ||
                       (every_request && target.max_orders && *target.max_orders == 0);
  if (no_room && plan.requests > 0) {
    std::printf(
        "conform run: plan: the budget is too small for any check to run: every check that "
        "sends will be inconclusive\n");
  }
}

// Cases each check keeps in flight unless --in-flight says: several on the loopback, where the
// mock answers as fast as it is asked; elsewhere what the quota allows, kept small (the rate
// limiter paces every request anyway). A budget makes it one (Session::in_flight).
constexpr int kLoopbackInFlight = 8;
constexpr int kRemoteInFlight = 2;
int default_in_flight(const suite::Target& target) {
  if (target.is_local())
    return kLoopbackInFlight;
  return target.requests_per_second >= kRemoteInFlight ? kRemoteInFlight : 1;
}

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
               suite::RunContext*& state_out,
               const std::function<void(suite::RunContext&)>& before = {}) {
  static std::unique_ptr<suite::RunContext> state;
  state = std::make_unique<suite::RunContext>(std::move(session), seed);
  suite::RunContext::install(state.get());
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
  // A check whose TEST names no listed kind would escape --kind and the per-kind ctests.
  const auto& unit = *::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const std::string_view kind = unit.GetTestSuite(i)->name();
    if (std::find(suite::kCheckKinds.begin(), suite::kCheckKinds.end(), kind) ==
        suite::kCheckKinds.end())
      throw std::logic_error("check kind '" + std::string(kind) + "' is not in suites/kinds.txt");
  }
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
    suite::RunContext* state = nullptr;
    const client::Credentials unused{"dry-run", "dry-run", std::nullopt, {}};
    run_checks(std::make_unique<suite::Session>(op, target, unused, true), seed, o, state);
    const auto& s = state->session();
    const std::string line =
        std::to_string(s.requests_sent()) + " " + std::to_string(s.possible_orders()) + " " +
        std::to_string(state->results().size()) + " " + std::to_string(state->properties()) + "\n";
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
  if (std::sscanf(text.c_str(), "%d %d %d %d", &plan.requests, &plan.creating, &plan.checks,
                  &plan.properties) != 4)
    return std::nullopt;
  return plan;
}

}  // namespace

int run_conformance(const Args& args) {
  RunOptions o;
  if (const auto stop = parse_run_options(args, o))
    return stop->error ? usage_error(*stop->error) : kExitConformant;

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
  if (const auto error = add_resource_flags(o, *op))
    return usage_error(*error);

  for (const auto& k : o.kinds) {
    if (std::find(suite::kCheckKinds.begin(), suite::kCheckKinds.end(), k) ==
        suite::kCheckKinds.end())
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
  if (o.max_requests)
    target.max_requests = o.max_requests;
  if (o.max_shrink_steps)
    target.max_shrink_steps = o.max_shrink_steps;
  target.in_flight = o.in_flight ? *o.in_flight : default_in_flight(target);
  // An endpoint that is not loopback may be the real service: the run is bounded unless told
  // otherwise, in orders and in requests.
  bool default_order_cap = false;
  bool default_request_budget = false;
  if (!target.is_local()) {
    if (op->effects && op->effects->billable && !target.max_orders) {
      target.max_orders = kDefaultOrderCap;
      default_order_cap = true;
    }
    if (!target.max_requests && op->quota && op->quota->per_seconds > 0) {
      target.max_requests = static_cast<int>(static_cast<long>(op->quota->requests) *
                                             kDefaultBudgetSeconds / op->quota->per_seconds);
      default_request_budget = true;
    }
  }

  if (target.is_embedded_mock())
    add_embedded_resources(*op, target);

  const std::uint64_t seed = o.seed ? *o.seed : std::random_device{}();
  std::printf("conform run: %s %s against %s, seed %llu (replay with --seed %llu)\n",
              op->action.c_str(), op->version.c_str(),
              target.is_embedded_mock() ? "the embedded mock" : target.endpoint.c_str(),
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  std::printf("conform run: %s\n", kReplayNote);

  const bool billing_op = op->effects && op->effects->billable;
  int planned_checks = 0;
  if (billing_op || o.dry_run || !target.is_local()) {
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
                         "=" + op->effects->safe_value.value_or("") +
                         " (no charge) or is not sent: the client refuses any other value in "
                         "every occurrence, and cases that send one are skipped")
                            .c_str(),
                  "");
    }
    print_budgets(*op, target, *plan, default_order_cap, default_request_budget);
    planned_checks = plan->checks;
    if (o.dry_run)
      return kExitConformant;
  }

  std::unique_ptr<suite::Session> session;
  EmbeddedTarget embedded(op);
  try {
    client::Credentials credentials;
    if (target.is_embedded_mock()) {
      embedded.start(target);
      credentials = embedded_credentials();
    } else {
      credentials = client::load_credentials(target.credential_env);  // names a missing variable
    }
    session = std::make_unique<suite::Session>(op, target, std::move(credentials));
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
  suite::RunContext* state = nullptr;
  const int gtest_status =
      run_checks(std::move(session), seed, o, state,
                 [&](suite::RunContext& s) { reports.begin(s, seed, planned_checks); });
  return reports.finish(*state, gtest_status, interrupt.signal(), interrupt.reason());
}

}  // namespace conform::app
