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
#include "app/operation_policy.h"
#include "app/operation_set.h"
#include "app/run_options.h"
#include "app/run_output.h"
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

// Cases each check keeps in flight unless --in-flight says: many on the loopback, where the
// mock answers as fast as it is asked and more requests waiting let the check, the send thread
// and the mock's workers overlap (`--cases 10000`: 2.5 s with 8, 2.2 s with 32, 2.1 s with 64);
// elsewhere what the quota allows, kept small (the rate limiter paces every request anyway). A
// budget makes it one (Session::in_flight).
constexpr int kLoopbackInFlight = 32;
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

// The run's seed for one operation: the same for an action whatever else the run holds, so
// `--operation A --seed S` replays A exactly as the whole run with --seed S ran it.
std::uint64_t operation_seed(std::uint64_t seed, const std::string& action) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (const char c : action)
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  std::uint64_t z = seed ^ h;  // splitmix64's finaliser
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// One operation of the run: its spec, the target as it sees it, and whether it runs there.
struct OperationRun {
  std::shared_ptr<const spec::Operation> op;
  suite::Target target;
  Admission admission;
  std::uint64_t seed = 0;
  std::optional<Plan> plan;
  bool default_order_cap = false;
  bool default_request_budget = false;
};

// The target for one operation, from a target file, the flags or the embedded mock.
std::optional<std::string> target_for(const RunOptions& o, const spec::Operation& op,
                                      suite::Target& target) {
  try {
    if (!o.target_path.empty()) {
      if (o.flags_name_target)
        return "--target and --endpoint/--region/resource flags exclude each other";
      target = suite::load_target(o.target_path, op);
    } else if (o.flags_name_target) {
      if (o.flags_target.endpoint.empty())
        return "--region and resource flags need --endpoint";
      target = o.flags_target;
      // Resource flags name states in lower case; the spec's spelling is found case-insensitively.
      for (auto& r : target.resources) {
        const auto* res = op.find_resource(r.resource);
        if (!res)
          return "the spec has no resource '" + r.resource + "' (from --" + r.state + "-" +
                 r.resource + ")";
        for (const auto& s : res->states) {
          if (text::iequals(s.name, r.state))
            r.state = s.name;
        }
      }
      suite::validate_target(target, op);
    }
  } catch (const suite::TargetError& e) {
    return std::string(e.what());
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
  return std::nullopt;
}

// An endpoint that is not loopback may be the real service: each operation is bounded unless told
// otherwise, in orders and in requests.
void add_default_caps(OperationRun& run) {
  const auto& op = *run.op;
  auto& target = run.target;
  if (target.is_local())
    return;
  if (op.effects && op.effects->billable && !target.max_orders) {
    target.max_orders = kDefaultOrderCap;
    run.default_order_cap = true;
  }
  if (!target.max_requests && op.quota && op.quota->per_seconds > 0) {
    target.max_requests = static_cast<int>(static_cast<long>(op.quota->requests) *
                                           kDefaultBudgetSeconds / op.quota->per_seconds);
    run.default_request_budget = true;
  }
}

// The plan of a one-operation run, as it always read.
void print_single_plan(const OperationRun& run) {
  const auto& op = *run.op;
  const auto& target = run.target;
  const bool billing_op = op.effects && op.effects->billable;
  std::printf(
      "conform run: plan: %d checks, %d requests, %d of them predicted to create %s%s\n",
      run.plan->checks, run.plan->requests, run.plan->creating,
      billing_op ? op.effects->creates.c_str() : "anything",
      target.max_orders ? (" (capped at " + std::to_string(*target.max_orders) + ")").c_str() : "");
  if (billing_op && !target.is_local()) {
    std::printf("conform run: %s is not local: %s\n", target.endpoint.c_str(),
                target.allow_billable
                    ? "--allow-billable is given: requests may be charged"
                    : ("every request carries " + op.effects->charge_parameter.value_or("") + "=" +
                       op.effects->safe_value.value_or("") +
                       " (no charge) or is not sent: the client refuses any other value in "
                       "every occurrence, and cases that send one are skipped")
                          .c_str());
  }
  print_budgets(op, target, *run.plan, run.default_order_cap, run.default_request_budget);
}

// The plan of a run over several operations: one line per operation, then the totals.
void print_multi_plan(const std::vector<OperationRun>& runs, const RunOptions& o) {
  Plan total;
  long worst = 0;
  int running = 0;
  for (const auto& run : runs) {
    if (!run.admission.runs) {
      std::printf("conform run: plan: %s: not run: %s\n", run.op->action.c_str(),
                  run.admission.reason.c_str());
      continue;
    }
    ++running;
    const Plan& p = *run.plan;
    const long shrink =
        static_cast<long>(p.properties) * suite::shrink_budget(run.target) * kRequestsPerShrinkStep;
    total.checks += p.checks;
    total.requests += p.requests;
    total.creating += p.creating;
    worst += p.requests + shrink;
    std::printf("conform run: plan: %s: runs (%s): %d checks, %d requests, %d may create\n",
                run.op->action.c_str(), run.admission.reason.c_str(), p.checks, p.requests,
                p.creating);
  }
  std::printf(
      "conform run: plan: %d of %zu operations run: %d checks, %d requests (worst case %ld with "
      "shrinking), %d of them predicted to create something\n",
      running, runs.size(), total.checks, total.requests, worst, total.creating);
  if (o.max_requests)
    std::printf("conform run: plan: at most %d requests are sent over the run (--max-requests)\n",
                *o.max_requests);
  if (o.max_orders)
    std::printf(
        "conform run: plan: at most %d requests that may create an order over the run "
        "(--max-orders)\n",
        *o.max_orders);
  if (!runs.empty() && !runs.front().target.is_local() && (!o.max_requests || !o.max_orders)) {
    std::printf(
        "conform run: plan: each operation not bounded by a flag keeps its default budget "
        "on an endpoint that is not loopback (%d orders, %d s of its quota)\n",
        kDefaultOrderCap, kDefaultBudgetSeconds);
  }
}

}  // namespace

int run_conformance(const Args& args) {
  RunOptions o;
  if (const auto stop = parse_run_options(args, o))
    return stop->error ? usage_error(*stop->error) : kExitConformant;
  for (const auto& k : o.kinds) {
    if (std::find(suite::kCheckKinds.begin(), suite::kCheckKinds.end(), k) ==
        suite::kCheckKinds.end())
      return usage_error("unknown kind '" + k + "'");
  }

  std::string error;
  auto set = load_operation_set({o.spec_path, o.spec_dir, o.operations}, "run", error);
  if (!set)
    return error.empty() ? kExitUsage : usage_error(error);
  if (!o.resource_flags.items.empty() && set->ops.size() != 1) {
    return usage_error("resource flags need one operation (--spec FILE or --operation NAME); " +
                       std::to_string(set->ops.size()) + " are selected");
  }
  if (set->ops.size() == 1) {
    if (const auto e = add_resource_flags(o, *set->ops.front()))
      return usage_error(*e);
  }
  if (o.shard_total > 1 && std::getenv("GTEST_TOTAL_SHARDS") != nullptr)
    return usage_error("--shard and GTEST_TOTAL_SHARDS exclude each other");
  if (o.target_path.empty() && !o.flags_name_target) {
    if (const char* env = std::getenv("CONFORM_TARGET"); env && *env)
      o.target_path = env;
  }

  const std::uint64_t seed = o.seed ? *o.seed : std::random_device{}();
  // An operation the user selected by name is one they named: it runs whatever it does (a paid
  // one still under the billing guard); a directory's others run on a remote endpoint only when
  // they read, or a flag names them or their type.
  OperationPermissions permissions{o.allow_operations, o.allow_operation_types, o.operations,
                                   o.allow_billable};
  if (!o.spec_path.empty())
    permissions.named.push_back(set->ops.front()->action);
  std::vector<OperationRun> runs;
  for (std::size_t i = 0; i < set->ops.size(); ++i) {
    if (static_cast<int>(i % static_cast<std::size_t>(o.shard_total)) != o.shard_index)
      continue;
    OperationRun run;
    run.op = set->ops[i];
    if (const auto e = target_for(o, *run.op, run.target))
      return usage_error(*e);
    add_default_caps(run);
    if (run.target.is_embedded_mock())
      add_embedded_resources(*run.op, run.target);
    run.admission = admit_operation(*run.op, run.target.is_local(), permissions);
    run.seed = operation_seed(seed, run.op->action);
    runs.push_back(std::move(run));
  }
  if (runs.empty())
    return usage_error("shard " + std::to_string(o.shard_index + 1) + "/" +
                       std::to_string(o.shard_total) + " holds none of the " +
                       std::to_string(set->ops.size()) + " operations");
  const bool single = set->ops.size() == 1;
  const auto& first = runs.front();

  if (single) {
    std::printf(
        "conform run: %s %s against %s, seed %llu (replay with --seed %llu)\n",
        first.op->action.c_str(), first.op->version.c_str(),
        first.target.is_embedded_mock() ? "the embedded mock" : first.target.endpoint.c_str(),
        static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  } else {
    std::printf(
        "conform run: %zu operations%s from %s against %s, seed %llu (replay with --seed %llu; "
        "one operation alone with --operation NAME --seed %llu)\n",
        runs.size(),
        o.shard_total > 1
            ? (" (shard " + std::to_string(o.shard_index + 1) + "/" +
               std::to_string(o.shard_total) + " of " + std::to_string(set->ops.size()) + ")")
                  .c_str()
            : "",
        set->source.c_str(),
        first.target.is_embedded_mock() ? "the embedded mock" : first.target.endpoint.c_str(),
        static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed),
        static_cast<unsigned long long>(seed));
  }
  std::printf("conform run: %s\n", kReplayNote);

  // The dry pass runs every check a second time in a child: only where the plan matters.
  int planned_checks = 0;
  if (o.dry_run || !first.target.is_local()) {
    for (auto& run : runs) {
      if (!run.admission.runs)
        continue;
      run.plan = make_plan(run.op, run.target, run.seed, o);
      if (!run.plan) {
        std::fprintf(stderr, "conform run: could not work out the plan of %s\n",
                     run.op->action.c_str());
        return kExitUsage;
      }
      planned_checks += run.plan->checks;
    }
    if (single && first.admission.runs)
      print_single_plan(first);
    else
      print_multi_plan(runs, o);
    if (o.dry_run)
      return kExitConformant;
  }

  std::vector<std::shared_ptr<const spec::Operation>> served;
  for (const auto& run : runs) {
    if (run.admission.runs)
      served.push_back(run.op);
  }
  if (served.empty()) {
    std::printf("conform run: no operation may run against %s without a flag; see the plan\n",
                first.target.endpoint.c_str());
    return kExitInconclusive;
  }
  EmbeddedTarget embedded(served);
  client::Credentials credentials;
  try {
    if (first.target.is_embedded_mock()) {
      embedded.start();
      credentials = embedded_credentials();
    } else {
      credentials = client::load_credentials(first.target.credential_env);
    }
  } catch (const client::CredentialsError& e) {
    return usage_error(e.what());
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "conform run: cannot start the embedded mock: %s\n", e.what());
    return kExitUsage;
  }
  std::vector<std::string> secrets{credentials.access_key_secret};
  if (credentials.security_token)
    secrets.push_back(*credentials.security_token);

  RunReports reports(o.report_dir, secrets);
  report::RunInfo info;
  info.seed = seed;
  info.target = {first.target.name, first.target.endpoint,
                 first.target.is_embedded_mock() ? "mock" : "live"};
  info.spec_file = single ? first.op->file : set->source;
  info.spec_sha256 = single ? first.op->sha256 : set->sha256;
  info.started_at = report::utc_now_iso8601();
  info.replay = kReplayNote;
  info.operations = action_names(served);
  if (o.shard_total > 1) {
    info.shard_by = "operation";
    info.shard_index = o.shard_index;
    info.shard_total = o.shard_total;
  } else {
    if (const char* total = std::getenv("GTEST_TOTAL_SHARDS"))
      info.shard_total = std::atoi(total);
    if (const char* index = std::getenv("GTEST_SHARD_INDEX"))
      info.shard_index = std::atoi(index);
  }
  if (first.target.is_embedded_mock()) {
    // The mock's port is chosen when it starts.
    suite::Target pointed = first.target;
    embedded.point(*first.op, pointed);
    info.target.endpoint = pointed.endpoint;
  }
  reports.begin(info, planned_checks);
  // Installed only now: the plan's child process and a usage error keep the default handlers.
  report::InterruptGuard interrupt;
  int gtest_status = 0;
  // Explicit budgets hold over the whole run: each operation gets what the earlier ones left.
  // Plain counters beside a flag: GCC's -O3 sees std::optional<long> here as maybe uninitialized.
  const bool cap_requests = o.max_requests.has_value();
  const bool cap_orders = o.max_orders.has_value();
  long requests_left = o.max_requests.value_or(0);
  long orders_left = o.max_orders.value_or(0);
  for (auto& run : runs) {
    if (!run.admission.runs || interrupt.signal() != 0)
      continue;
    if (run.target.is_embedded_mock())
      embedded.point(*run.op, run.target);
    if (cap_requests)
      run.target.max_requests = static_cast<int>(std::max(0L, requests_left));
    if (cap_orders)
      run.target.max_orders = static_cast<int>(std::max(0L, orders_left));
    auto session = std::make_unique<suite::Session>(run.op, run.target, credentials);
    session->set_stop([&interrupt] { return interrupt.reason(); });
    suite::RunContext* state = nullptr;
    const int status = run_checks(std::move(session), run.seed, o, state,
                                  [&](suite::RunContext& s) { reports.attach(s, run.op->action); });
    gtest_status = gtest_status != 0 ? gtest_status : status;
    reports.add_totals(*state, single ? "" : run.op->action + " ");
    const long sent = state->session().admitted();
    if (cap_requests)
      requests_left -= sent;
    if (cap_orders && run.op->effects && run.op->effects->billable)
      orders_left -= sent;
  }
  return reports.finish(gtest_status, interrupt.signal(), interrupt.reason());
}

}  // namespace conform::app
