#include "bench/runner_bench.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace conform::bench {
namespace {

// `conform run --cases N` gives N cases to each of its three properties; the systematic checks
// add a few hundred more. A size is the cases a run makes, so each property gets a third.
constexpr long kProperties = 3;

struct ChildRun {
  int exit_code = -1;
  double seconds = 0;
  double cpu_seconds = 0;  // user and system, all threads
  long peak_rss_kib = 0;
  std::string out;
};

ChildRun run_child(const std::vector<std::string>& argv, const std::string& out_path) {
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::fflush(stdout);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (!std::freopen(out_path.c_str(), "w", stdout) || !std::freopen("/dev/null", "w", stderr))
      ::_exit(127);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  ChildRun r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.peak_rss_kib = usage.ru_maxrss;  // KiB on Linux
  const auto seconds_of = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  r.cpu_seconds = seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
  std::ifstream in(out_path);
  std::stringstream text;
  text << in.rdbuf();
  r.out = text.str();
  return r;
}

// "conform run: N requests sent; ..." in the run's output.
long requests_sent(const std::string& out) {
  const std::string marker = "conform run: ";
  for (auto at = out.find(marker); at != std::string::npos; at = out.find(marker, at + 1)) {
    const auto tail = out.substr(at + marker.size(), 64);
    long n = 0;
    char word[16] = {};
    if (std::sscanf(tail.c_str(), "%ld %15s", &n, word) == 2 && std::string(word) == "requests")
      return n;
  }
  return 0;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

std::string sibling_conform_binary() {
  const auto self = std::filesystem::read_symlink("/proc/self/exe");
  return (self.parent_path().parent_path() / "conform").string();
}

nlohmann::json runner_throughput(const RunnerBenchOptions& o) {
  std::printf(
      "\n== conform run against the embedded mock (%s, in flight: %s; the client's own signed rate "
      "is measured right before and after each run)\n",
      o.conform.c_str(), o.in_flight > 0 ? std::to_string(o.in_flight).c_str() : "its default");
  std::printf("%10s %10s %9s %9s %10s %10s %12s %10s %11s %8s  %s\n", "size", "cases", "requests",
              "wall s", "cases/s", "req/s", "peak RSS MiB", "CPU us/case", "client req/s", "ratio",
              "verdict");
  std::filesystem::create_directories(o.scratch);
  nlohmann::json rows = nlohmann::json::array();
  for (const long size : o.sizes) {
    const std::string dir = o.scratch + "/runner-" + std::to_string(size);
    std::vector<std::string> argv = {
        o.conform,      "run", "--spec",  o.spec,
        "--seed",       "7",   "--cases", std::to_string(std::max(1L, size / kProperties)),
        "--report-dir", dir};
    if (o.in_flight > 0) {
      argv.push_back("--in-flight");
      argv.push_back(std::to_string(o.in_flight));
    }
    const double client_before = o.measure_client_rate();
    const auto run = run_child(argv, o.scratch + "/runner-" + std::to_string(size) + ".out");
    const double client_after = o.measure_client_rate();
    const double client = (client_before + client_after) / 2;
    long cases = 0;
    std::string verdict = "exit " + std::to_string(run.exit_code);
    std::ifstream in(dir + "/results.json");
    const auto results = nlohmann::json::parse(in, nullptr, false);
    if (results.is_object() && results.contains("checks")) {
      for (const auto& c : results["checks"])
        cases += c.value("cases_sent", 0L);
      if (run.exit_code == 0)
        verdict = "CONFORMANT";
    }
    const long requests = requests_sent(run.out);
    const double cases_per_second = run.seconds > 0 ? static_cast<double>(cases) / run.seconds : 0;
    const double requests_per_second =
        run.seconds > 0 ? static_cast<double>(requests) / run.seconds : 0;
    const double cpu_us_per_case =
        cases > 0 ? run.cpu_seconds * 1e6 / static_cast<double>(cases) : 0;
    const double ratio = client > 0 ? requests_per_second / client : 0;
    std::printf("%10ld %10ld %9ld %9s %10s %10s %12s %10s %11s %8s  %s\n", size, cases, requests,
                fixed(run.seconds, 2).c_str(), fixed(cases_per_second, 0).c_str(),
                fixed(requests_per_second, 0).c_str(),
                fixed(static_cast<double>(run.peak_rss_kib) / 1024.0, 1).c_str(),
                fixed(cpu_us_per_case, 1).c_str(), fixed(client, 0).c_str(),
                fixed(ratio, 2).c_str(), verdict.c_str());
    std::fflush(stdout);
    rows.push_back({{"size", size},
                    {"cases", cases},
                    {"requests", requests},
                    {"seconds", run.seconds},
                    {"cpu_seconds", run.cpu_seconds},
                    {"cpu_us_per_case", cpu_us_per_case},
                    {"cases_per_second", cases_per_second},
                    {"requests_per_second", requests_per_second},
                    {"peak_rss_kib", run.peak_rss_kib},
                    {"client_requests_per_second_before", client_before},
                    {"client_requests_per_second_after", client_after},
                    {"ratio_to_client", ratio},
                    {"exit_code", run.exit_code}});
  }
  return {{"conform", o.conform}, {"in_flight", o.in_flight}, {"runs", rows}};
}

}  // namespace conform::bench
