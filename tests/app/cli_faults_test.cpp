// `conform run` as a process against servers that misbehave: a raw socket server with one fault
// each, the mock's own fault injection, a signal mid-run. Each run must end within a bound, give
// every check a verdict naming the fault, exit with the code the rule below gives, and leave
// results.json, junit.xml and report.html complete.
//
// The rule (README "Faults"): no answer to judge (refused, stalled, reset, closed before any
// byte, TLS) is inconclusive, exit 3; bytes that no conformant server sends (not HTTP, a body
// short of its Content-Length or beyond the cap, JSON that is not UTF-8 or too deep, a DTD) are a
// non-conformance, exit 1.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/spec/loader.h"
#include "mock/fixtures.h"
#include "tests/client/test_server.h"
#include "tests/client/tls_test_server.h"
#include "tests/support/fault_server.h"
#include "tests/support/mock_process.h"
#include "tests/support/run_command.h"
#include "tests/support/seed_operation.h"

namespace conform::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kChecks = 16;

std::shared_ptr<const spec::Operation> op() {
  static const auto loaded = spec::load_operation(
      source_path("specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json"));
  return loaded;
}

// A target naming a resource in every state the mock knows, so no check skips for want of one and
// every check meets the fault.
std::string write_target(const ScratchDir& dir, const std::string& endpoint,
                         const std::string& extra = "") {
  nlohmann::json resources = nlohmann::json::object();
  for (const auto& r : mock::default_fixtures(*op()).records) {
    nlohmann::json entry = {{"id", r.id}};
    if (!r.state.empty())
      entry["state"] = r.state;
    resources[r.resource].push_back(entry);
  }
  nlohmann::json t = {{"name", "fault test"},
                      {"endpoint", endpoint},
                      {"resources", resources},
                      {"cases", {{"valid", 3}, {"invalid", 3}}}};
  if (!extra.empty())
    t.update(nlohmann::json::parse(extra));
  const std::string path = dir.path("target.json");
  write_text(path, t.dump(2));
  return path;
}

struct Run {
  CommandResult result;
  double seconds = 0;
  nlohmann::json results;
};

Run run_against(const ScratchDir& dir, const std::string& target, const std::string& flags = "") {
  Run r;
  const auto start = Clock::now();
  r.result = run_command(kMockCredentials + "'" + CONFORM_BINARY + "' run " +
                         seed_operation_flag() + " --seed 11 --target " + target +
                         " --report-dir " + dir.path("out") + " " + flags);
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.results = nlohmann::json::parse(read_text(dir.path("out/results.json")), nullptr, false);
  return r;
}

// The three reports exist and parse: results.json (the run's own reader, via `conform report
// render`), junit.xml against the schema, report.html whole.
void expect_complete_reports(const ScratchDir& dir, const std::string& state = "finished") {
  const auto& results_text = read_text(dir.path("out/results.json"));
  const auto results = nlohmann::json::parse(results_text, nullptr, false);
  ASSERT_FALSE(results.is_discarded()) << "results.json does not parse";
  EXPECT_EQ(results["run"]["state"], state);
  const auto schema = source_path("reports/schema/junit.xsd");
  const auto lint =
      run_command("xmllint --noout --schema '" + schema + "' '" + dir.path("out/junit.xml") + "'");
  EXPECT_EQ(lint.exit_code, 0) << lint.err;
  const auto html = read_text(dir.path("out/report.html"));
  EXPECT_NE(html.find("</html>"), std::string::npos) << "report.html is cut short";
  const auto render = run_conform("report render --results '" + dir.path("out/results.json") +
                                  "' --out '" + dir.path("rerendered") + "'");
  EXPECT_EQ(render.exit_code, 0) << render.err;
}

void expect_every_check_names(const Run& run, const std::string& fragment) {
  ASSERT_FALSE(run.results.is_discarded());
  ASSERT_EQ(run.results["checks"].size(), kChecks) << run.result.out;
  for (const auto& c : run.results["checks"]) {
    EXPECT_NE(c["message"].get<std::string>().find(fragment), std::string::npos)
        << c["kind"] << "." << c["name"] << " (" << c["verdict"]
        << "): " << c["message"].get<std::string>().substr(0, 400);
    EXPECT_NE(c["verdict"], "passed") << c["name"];
  }
}

struct FaultCase {
  Fault fault;
  int exit_code;
  std::string names;  // what every check's message must say
  double max_seconds;
};

class cli_faults : public ::testing::TestWithParam<FaultCase> {};

TEST_P(cli_faults, every_check_names_the_fault_in_bounded_time_and_reports_are_complete) {
  const auto& fc = GetParam();
  FaultServer server(fc.fault);
  ScratchDir dir("fault-" + std::string(to_string(fc.fault)));
  const auto run = run_against(dir, write_target(dir, server.url()), "--timeout 1000");
  std::printf("[ fault ] %s: exit %d in %.2f s, %d requests reached the server\n",
              std::string(to_string(fc.fault)).c_str(), run.result.exit_code, run.seconds,
              server.requests());
  EXPECT_EQ(run.result.exit_code, fc.exit_code) << run.result.out << run.result.err;
  EXPECT_LT(run.seconds, fc.max_seconds);
  expect_every_check_names(run, fc.names);
  expect_complete_reports(dir);
}

INSTANTIATE_TEST_SUITE_P(
    raw_server, cli_faults,
    ::testing::Values(
        FaultCase{Fault::kGarbageStatusLine, 1, "invalid status line", 20},
        FaultCase{Fault::kResetMidBody, 3, "connection reset", 20},
        FaultCase{Fault::kEndlessBody, 1, "exceeded the cap of 8388608 bytes", 30},
        // 3 exchanges time out, then the breaker holds the rest back: not 700 × the timeout.
        FaultCase{Fault::kStall, 3, "timeout after 1000 ms", 20},
        FaultCase{Fault::kLengthTooLong, 1, "body shorter than announced", 20},
        // The client reads what Content-Length announced; the JSON it holds is cut.
        FaultCase{Fault::kLengthTooShort, 1, "not JSON: ", 30},
        FaultCase{Fault::kInvalidUtf8Body, 1, "ill-formed UTF-8", 30},
        FaultCase{Fault::kInvalidUtf8Header, 1, "x-acs-request-id header is not valid UTF-8", 30},
        FaultCase{Fault::kXmlBomb, 1, "XML: DOCTYPE refused", 30},
        FaultCase{Fault::kDeepJson, 1, "JSON nested deeper than 64 levels", 30}),
    [](const ::testing::TestParamInfo<FaultCase>& param) {
      std::string name(to_string(param.param.fault));
      for (auto& c : name)
        c = c == '-' ? '_' : c;
      return name;
    });

TEST(cli_faults_breaker, checks_after_the_breaker_name_it_and_the_fault) {
  FaultServer server(Fault::kResetMidBody);
  ScratchDir dir("fault-breaker");
  const auto run = run_against(dir, write_target(dir, server.url()), "--timeout 1000");
  ASSERT_EQ(run.results["checks"].size(), kChecks);
  const auto& last = run.results["checks"].back();
  EXPECT_EQ(last["verdict"], "inconclusive");
  EXPECT_NE(last["message"].get<std::string>().find(
                "not sent: breaker open (5 requests in a row ended in a transport fault; the last: "
                "connection_reset: connection reset"),
            std::string::npos)
      << last["message"];
  // Five exchanges reached the server and then nothing: the breaker, not the case count, bounds
  // the run.
  EXPECT_LE(server.requests(), 6);
}

// --- the mock's own fault injection
// ---------------------------------------------------------------

Run run_against_mock(const ScratchDir& dir, const std::vector<std::string>& faults,
                     const std::string& flags) {
  std::vector<std::string> args;
  for (const auto& f : faults) {
    args.push_back("--fault");
    args.push_back(f);
  }
  MockProcess mock(args);
  Run r;
  const auto start = Clock::now();
  r.result = run_command(kMockCredentials + "'" + CONFORM_BINARY + "' run " +
                         seed_operation_flag() + " --seed 12 --report-dir " + dir.path("out") +
                         " " + mock_target_flags(mock.url()) + " " + flags);
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.results = nlohmann::json::parse(read_text(dir.path("out/results.json")), nullptr, false);
  return r;
}

bool some_message_has(const Run& run, const std::string& fragment) {
  for (const auto& c : run.results["checks"]) {
    if (c["message"].get<std::string>().find(fragment) != std::string::npos)
      return true;
  }
  return false;
}

TEST(cli_mock_faults, throttling_is_retried_and_the_retries_are_recorded) {
  ScratchDir dir("mock-throttle");
  const auto run = run_against_mock(dir, {"throttle-rate=0.3", "seed=5"},
                                    "--kind acceptance --cases 3 --timeout 2000");
  EXPECT_TRUE(run.result.exit_code == 0 || run.result.exit_code == 3) << run.result.out;
  int retries = 0;
  for (const auto& c : run.results["checks"])
    retries += c["retries"].get<int>();
  EXPECT_GT(retries, 0) << "no check recorded a retry";
  expect_complete_reports(dir);
}

TEST(cli_mock_faults, cut_bodies_fail_the_run_naming_the_cut) {
  ScratchDir dir("mock-malformed");
  const auto run =
      run_against_mock(dir, {"malformed-rate=0.3", "seed=6"}, "--kind acceptance --cases 3");
  EXPECT_EQ(run.result.exit_code, 1) << run.result.out;
  EXPECT_TRUE(some_message_has(run, "body shorter than announced")) << run.result.out;
  expect_complete_reports(dir);
}

TEST(cli_mock_faults, dropped_connections_are_inconclusive_naming_the_drop) {
  ScratchDir dir("mock-drop");
  const auto run =
      run_against_mock(dir, {"drop-rate=0.3", "seed=7"}, "--kind acceptance --cases 3");
  EXPECT_EQ(run.result.exit_code, 3) << run.result.out;
  EXPECT_TRUE(some_message_has(run, "connection closed without a response")) << run.result.out;
  expect_complete_reports(dir);
}

TEST(cli_mock_faults, latency_beyond_the_timeout_ends_within_the_breaker_bound) {
  ScratchDir dir("mock-latency");
  const auto run = run_against_mock(dir, {"latency=3000"}, "--timeout 500");
  EXPECT_EQ(run.result.exit_code, 3) << run.result.out;
  EXPECT_LT(run.seconds, 15);
  for (const auto& c : run.results["checks"]) {
    if (c["verdict"] == "skipped")
      continue;  // the flags name two circuits; checks needing more skip before sending
    EXPECT_NE(c["message"].get<std::string>().find("timeout after 500 ms"), std::string::npos)
        << c["name"] << ": " << c["message"];
  }
  expect_complete_reports(dir);
}

// --- interrupts ---------------------------------------------------------------------------------

struct Child {
  pid_t pid = -1;
  int wait_exit() {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
  }
};

Child start_run(const std::vector<std::string>& args, const std::string& log) {
  Child c;
  c.pid = ::fork();
  if (c.pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "conform-test-key", 1);
    ::setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "conform-test-secret", 1);
    const std::string spec = conform::testing::seed_operation_path();
    std::vector<char*> argv{const_cast<char*>(CONFORM_BINARY), const_cast<char*>("run"),
                            const_cast<char*>("--spec"), const_cast<char*>(spec.c_str())};
    for (const auto& a : args)
      argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(CONFORM_BINARY, argv.data());
    ::_exit(127);
  }
  return c;
}

void interrupt_mid_run(int signal, int expected_exit, const std::string& name) {
  // A server that stalls with a long timeout: without the interrupt the run would take minutes.
  FaultServer server(Fault::kStall);
  ScratchDir dir("interrupt-" + name);
  const auto target = write_target(dir, server.url());
  auto child = start_run(
      {"--seed", "13", "--target", target, "--timeout", "60000", "--report-dir", dir.path("out")},
      dir.path("log"));
  for (int i = 0; i < 100 && server.requests() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_GT(server.requests(), 0) << read_text(dir.path("log"));
  const auto sent = Clock::now();
  ::kill(child.pid, signal);
  const int code = child.wait_exit();
  const double seconds = std::chrono::duration<double>(Clock::now() - sent).count();
  std::printf("[ interrupt ] %s: exit %d, %.2f s after the signal\n", name.c_str(), code, seconds);
  EXPECT_EQ(code, expected_exit) << read_text(dir.path("log"));
  EXPECT_LT(seconds, 5);
  expect_complete_reports(dir, "interrupted");
  const auto results = nlohmann::json::parse(read_text(dir.path("out/results.json")));
  EXPECT_EQ(results["run"]["interruption"], name);
  ASSERT_EQ(results["checks"].size(), kChecks);
  const auto& first = results["checks"][0];
  EXPECT_EQ(first["verdict"], "inconclusive");
  EXPECT_NE(first["message"].get<std::string>().find("interrupted (" + name + ")"),
            std::string::npos)
      << first["message"];
  for (std::size_t i = 1; i < results["checks"].size(); ++i) {
    const auto& c = results["checks"][i];
    EXPECT_EQ(c["verdict"], "skipped") << c["name"];
    EXPECT_EQ(c["message"], "not run: the run was interrupted (" + name + ")") << c["name"];
  }
  const auto junit = read_text(dir.path("out/junit.xml"));
  EXPECT_NE(junit.find("run interrupted (" + name + ")"), std::string::npos);
  // Nothing is sent after the signal.
  const int at_signal = server.requests();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(server.requests(), at_signal);
}

TEST(cli_interrupt, sigint_stops_sending_and_ends_the_reports_as_interrupted_exit_130) {
  interrupt_mid_run(SIGINT, 130, "SIGINT");
}

TEST(cli_interrupt, sigterm_does_the_same_with_exit_143) {
  interrupt_mid_run(SIGTERM, 143, "SIGTERM");
}

}  // namespace
}  // namespace conform::testing
