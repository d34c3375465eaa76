// conform_bench: the project's speed figures. Not a ctest: timings on a shared machine would make
// tests flaky, and a missed speed target is a finding to report, not a broken build.

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench/load.h"
#include "bench/nginx.h"
#include "bench/rss.h"
#include "bench/runner_bench.h"
#include "bench/soak_command.h"
#include "client/request_builder.h"
#include "core/spec/loader.h"
#include "mock/embedded_mock.h"
#include "mock/fixtures.h"
#include "mock/key_store.h"
#include "suites/requests.h"
#include "suites/session.h"

namespace conform::bench {
namespace {

// The target: the signed client reaches at least this share of bare libcurl's rate.
constexpr double kTargetRatio = 0.60;

struct Args {
  int seconds = 3;
  bool soak = false;
  std::uint64_t soak_requests = 1'000'000;
  int soak_connections = 64;
  long soak_rss_growth_kib = 16 * 1024;
  std::size_t soak_max_nonces = mock::StateLimits{}.max_nonces;
  int in_flight = 8;
  std::string only;  // "", "client", "mock" or "runner" (only when asked: it takes minutes)
  std::vector<long> runner_sizes = {10'000, 100'000, 1'000'000};
  std::string runner_conform;  // empty: the conform built next to conform_bench
  int runner_in_flight = 0;    // 0: conform run's default
  bool strict = false;
  std::string spec = CONFORM_BENCH_SPEC;
  std::string json = CONFORM_BENCH_JSON;
};

void usage(std::ostream& out) {
  out << "usage: conform_bench [--seconds N] [--in-flight N] [--only client|mock] [--strict]\n"
         "                     [--spec FILE] [--json FILE]\n"
         "       conform_bench --only runner [--sizes N,N,...] [--conform FILE]\n"
         "                     [--runner-in-flight N]\n"
         "       conform_bench --soak [--requests N] [--connections N] [--rss-growth-kib N]\n"
         "                     [--max-nonces N]\n"
         "  --seconds N     length of each timed run (default 3)\n"
         "  --in-flight N   concurrent requests for the client-vs-libcurl figures (default 8)\n"
         "  --only P        run one part: client (vs nginx), mock, or runner (conform run's\n"
         "                  checks against the embedded mock; only when asked for)\n"
         "  --sizes LIST    runner: cases per run (default 10000,100000,1000000)\n"
         "  --conform FILE  runner: the conform binary (default: the one built with this)\n"
         "  --runner-in-flight N  runner: conform run --in-flight N (default: its own)\n"
         "  --strict        exit 1 when a speed target is missed (default: report only)\n"
         "  --spec FILE     operation spec for the requests and the mock (default: the repo's)\n"
         "  --json FILE     where to write the results (default: bench-results.json in the "
         "build dir)\n"
         "  --soak          instead: the soak (mixed valid and invalid requests, racing client\n"
         "                  tokens) against the embedded mock; exit 1 when a check fails\n"
         "  --requests N    soak length (default 1000000)\n"
         "  --connections N soak requests in flight on keep-alive connections (default 64)\n"
         "  --rss-growth-kib N  allowed RSS growth after the warm-up (default 16384)\n"
         "  --max-nonces N  the mock's nonce memory (default: the mock's default)\n";
}

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        throw std::invalid_argument(flag + " needs a value");
      }
      return argv[++i];
    };
    const auto positive = [&](const std::string& v) {
      const int n = std::atoi(v.c_str());
      if (n <= 0) {
        throw std::invalid_argument(flag + " needs a positive number, not '" + v + "'");
      }
      return n;
    };
    if (flag == "--seconds") {
      a.seconds = positive(value());
    } else if (flag == "--in-flight") {
      a.in_flight = positive(value());
    } else if (flag == "--only") {
      a.only = value();
      if (a.only != "client" && a.only != "mock" && a.only != "runner") {
        throw std::invalid_argument("--only takes client, mock or runner, not '" + a.only + "'");
      }
    } else if (flag == "--sizes") {
      a.runner_sizes.clear();
      std::stringstream list(value());
      for (std::string item; std::getline(list, item, ',');)
        a.runner_sizes.push_back(positive(item));
    } else if (flag == "--conform") {
      a.runner_conform = value();
    } else if (flag == "--runner-in-flight") {
      a.runner_in_flight = positive(value());
    } else if (flag == "--soak") {
      a.soak = true;
    } else if (flag == "--requests") {
      a.soak_requests = static_cast<std::uint64_t>(positive(value()));
    } else if (flag == "--connections") {
      a.soak_connections = positive(value());
    } else if (flag == "--max-nonces") {
      a.soak_max_nonces = static_cast<std::size_t>(positive(value()));
    } else if (flag == "--rss-growth-kib") {
      a.soak_rss_growth_kib = positive(value());
    } else if (flag == "--strict") {
      a.strict = true;
    } else if (flag == "--spec") {
      a.spec = value();
    } else if (flag == "--json") {
      a.json = value();
    } else if (flag == "--help" || flag == "-h") {
      usage(std::cout);
      std::exit(0);
    } else {
      throw std::invalid_argument("unknown option " + flag);
    }
  }
  return a;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string statuses_of(const Measurement& m) {
  std::string out;
  for (const auto& [status, n] : m.statuses) {
    out += (out.empty() ? "" : " ") + std::to_string(status) + "x" + std::to_string(n);
  }
  if (m.transport_errors > 0) {
    out += (out.empty() ? "" : " ") + std::string("errors x") + std::to_string(m.transport_errors);
  }
  return out;
}

void print_row(const Measurement& m) {
  std::printf("%-34s %-28s %3d %9s %8s %8s %8s %6ld  %s\n", m.figure.c_str(),
              m.load_generator.c_str(), m.in_flight, fixed(m.requests_per_second(), 0).c_str(),
              fixed(m.caller_mean_latency_ms(), 3).c_str(),
              fixed(m.latency_percentile(50), 3).c_str(),
              fixed(m.latency_percentile(99), 3).c_str(), m.connections, statuses_of(m).c_str());
  std::fflush(stdout);
}

void print_header() {
  std::printf("%-34s %-28s %3s %9s %8s %8s %8s %6s  %s\n", "figure", "load generator", "n", "req/s",
              "mean ms", "p50 ms", "p99 ms", "conns", "statuses");
}

nlohmann::json to_json(const Measurement& m) {
  nlohmann::json statuses = nlohmann::json::object();
  for (const auto& [status, n] : m.statuses) {
    statuses[std::to_string(status)] = n;
  }
  return {{"figure", m.figure},
          {"load_generator", m.load_generator},
          {"in_flight", m.in_flight},
          {"requests", m.requests},
          {"seconds", m.seconds},
          {"requests_per_second", m.requests_per_second()},
          {"caller_mean_latency_ms", m.caller_mean_latency_ms()},
          {"p50_ms", m.latency_percentile(50)},
          {"p99_ms", m.latency_percentile(99)},
          {"connections_opened", m.connections},
          {"transport_errors", m.transport_errors},
          {"statuses", statuses}};
}

// A measurement whose requests did not all come back as expected measures something else.
bool all_answered(const Measurement& m, bool expect_success) {
  if (m.requests == 0 || m.transport_errors > 0) {
    return false;
  }
  for (const auto& [status, n] : m.statuses) {
    if ((status / 100 == 2) != expect_success) {
      return false;
    }
  }
  return true;
}

struct Workload {
  std::shared_ptr<const spec::Operation> op;
  sign::Params params;  // the spec's smallest valid request against the default fixtures
};

Workload load_workload(const std::string& spec_path) {
  Workload w;
  w.op = spec::load_operation(spec_path);
  // A dry session names the embedded mock's default fixtures without starting anything.
  suite::Target target;
  for (const auto& r : mock::default_fixtures(*w.op).records)
    target.resources.push_back({r.resource, r.id, r.state, false, r.fails});
  const suite::Session session(w.op, target, {"dry-run", "dry-run", std::nullopt, {}}, true);
  const auto minimal = suite::minimal_valid_params(session);
  if (!minimal.params) {
    throw std::runtime_error("no valid request from " + spec_path + ": " + minimal.missing);
  }
  w.params = *minimal.params;
  return w;
}

client::SignOptions sign_options(const spec::Operation& op, client::SignatureVersion v) {
  client::SignOptions o;
  o.action = op.action;
  o.version = op.version;
  o.signature_version = v;
  o.method = "POST";
  o.params_in = client::ParamsIn::kQuery;
  return o;
}

const client::Credentials& test_credentials() {
  static const client::Credentials creds{std::string(mock::kTestAccessKeyId),
                                         std::string(mock::kTestAccessKeySecret),
                                         std::nullopt,
                                         {}};
  return creds;
}

struct Report {
  std::vector<Measurement> rows;
  nlohmann::json json = nlohmann::json::object();
  bool target_missed = false;
  bool broken = false;
};

void client_vs_bare(const Args& args, const Workload& w, Report& report) {
  std::printf(
      "\n== client vs bare libcurl, against nginx (%d in flight, %d s each, taken in turns of 0.5 "
      "s)\n",
      args.in_flight, args.seconds);
  const auto binary = Nginx::find_binary();
  if (!binary) {
    std::printf("nginx is not installed (scripts/setup.sh installs it): client figures SKIPPED\n");
    report.json["client_vs_bare"] = {{"skipped", "nginx not installed"}};
    return;
  }
  // A body the size of the operation's real answers' smallest: a request ID and one field.
  Nginx nginx(*binary, "{\"RequestId\":\"00000000-0000-0000-0000-000000000000\",\"Ok\":true}");
  const auto endpoint = client::parse_endpoint(nginx.url());
  const auto duration = std::chrono::milliseconds(args.seconds * 1000L);
  // Bare libcurl sends the URL of a signed V1 request, so it carries the same query string.
  const auto sample = client::build_request(endpoint, w.params, test_credentials(),
                                            sign_options(*w.op, client::SignatureVersion::kV1));
  const auto v3 = sign_options(*w.op, client::SignatureVersion::kV3);
  const auto v1 = sign_options(*w.op, client::SignatureVersion::kV1);
  // The three figures take turns in short slices rather than one after another: on a shared
  // machine the load drifts over seconds, and a ratio of two runs taken at different moments
  // would measure the drift as much as the client.
  constexpr auto kSlice = std::chrono::milliseconds(500);
  const auto rounds = std::max<long>(1, duration / kSlice);
  Measurement bare;
  Measurement signed_v3;
  Measurement signed_v1;
  for (long round = 0; round < rounds; ++round) {
    bare.add(bare_libcurl(client::url_of(sample), args.in_flight, kSlice));
    signed_v3.add(conform_client(
        [&] { return client::build_request(endpoint, w.params, test_credentials(), v3); },
        args.in_flight, kSlice));
    signed_v1.add(conform_client(
        [&] { return client::build_request(endpoint, w.params, test_credentials(), v1); },
        args.in_flight, kSlice));
  }
  bare.figure = "nginx: bare (V1-sized URL)";
  signed_v3.figure = "nginx: conform signed V3";
  signed_v1.figure = "nginx: conform signed V1";
  print_header();
  print_row(bare);
  report.rows.push_back(bare);
  nlohmann::json out = {
      {"target_ratio", kTargetRatio}, {"slices_per_figure", rounds}, {"bare", to_json(bare)}};
  for (const auto* m : {&signed_v3, &signed_v1}) {
    const std::string name = m == &signed_v3 ? "V3" : "V1";
    print_row(*m);
    report.rows.push_back(*m);
    const double ratio =
        bare.requests_per_second() > 0 ? m->requests_per_second() / bare.requests_per_second() : 0;
    const bool pass = ratio >= kTargetRatio;
    report.target_missed = report.target_missed || !pass;
    if (!all_answered(*m, true) || !all_answered(bare, true)) {
      report.broken = true;
    }
    out["signed_" + name] = to_json(*m);
    out["ratio_" + name] = ratio;
    out["pass_" + name] = pass;
  }
  for (const std::string name : {"V3", "V1"}) {
    std::printf("signed %s / bare = %s  %s (target >= %s)\n", name.c_str(),
                fixed(out["ratio_" + name].get<double>(), 2).c_str(),
                out["pass_" + name].get<bool>() ? "PASS" : "FAIL", fixed(kTargetRatio, 2).c_str());
  }
  report.json["client_vs_bare"] = out;
}

void mock_throughput(const Args& args, const Workload& w, Report& report) {
  std::printf(
      "\n== embedded mock throughput (load generator: the conform client, V3 signed; "
      "%d s each)\n",
      args.seconds);
  const long rss_before = rss_kib();
  mock::KeyStore keys;
  keys.add(
      {std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret), std::nullopt});
  mock::EmbeddedMock endpoint_mock(w.op, mock::default_fixtures(*w.op), keys);
  endpoint_mock.start();
  const long rss_started = rss_kib();
  const auto endpoint = client::parse_endpoint(endpoint_mock.url());
  const auto options = sign_options(*w.op, client::SignatureVersion::kV3);
  // Invalid: a key the mock knows, signed with another secret, so the mock does the whole
  // signature check before refusing.
  client::Credentials wrong = test_credentials();
  wrong.access_key_secret = "not-the-secret";
  const auto duration = std::chrono::milliseconds(args.seconds * 1000L);
  print_header();
  nlohmann::json out = nlohmann::json::array();
  for (const bool valid : {true, false}) {
    for (const int connections : {1, 8}) {
      const auto& creds = valid ? test_credentials() : wrong;
      Measurement m =
          conform_client([&] { return client::build_request(endpoint, w.params, creds, options); },
                         connections, duration);
      m.figure = std::string("mock: ") + (valid ? "valid signed" : "invalid (bad signature)");
      print_row(m);
      if (!all_answered(m, valid)) {
        std::printf("  unexpected answers: %s\n", statuses_of(m).c_str());
        report.broken = true;
      }
      report.rows.push_back(m);
      out.push_back(to_json(m));
    }
  }
  const long rss_after = rss_kib();
  const auto stats = endpoint_mock.server().stats();
  endpoint_mock.stop();
  std::printf(
      "RSS (whole process, mock and load generator): %ld KiB before the mock, %ld KiB "
      "once started, %ld KiB after %llu requests\n",
      rss_before, rss_started, rss_after, static_cast<unsigned long long>(stats.requests_served));
  report.json["mock"] = {{"runs", out},
                         {"load_generator", "conform Transport::send_all, V3 signed"},
                         {"io_threads", mock::http::default_io_threads()},
                         {"requests_served", stats.requests_served},
                         {"rss_kib_before", rss_before},
                         {"rss_kib_started", rss_started},
                         {"rss_kib_after", rss_after}};
}

// The client's own rate in this run, for the runner's ratio: V3-signed valid requests to an
// embedded mock, as many in flight as the figures above.
double client_signed_rate(const Args& args, const Workload& w) {
  mock::KeyStore keys;
  keys.add(
      {std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret), std::nullopt});
  mock::EmbeddedMock endpoint_mock(w.op, mock::default_fixtures(*w.op), keys);
  endpoint_mock.start();
  const auto endpoint = client::parse_endpoint(endpoint_mock.url());
  const auto options = sign_options(*w.op, client::SignatureVersion::kV3);
  const auto m = conform_client(
      [&] { return client::build_request(endpoint, w.params, test_credentials(), options); },
      args.in_flight, std::chrono::milliseconds(args.seconds * 1000L));
  endpoint_mock.stop();
  return m.requests_per_second();
}

int run(const Args& args) {
  if (args.soak) {
    return run_soak({args.spec, args.soak_requests, args.soak_connections, args.soak_rss_growth_kib,
                     args.soak_max_nonces});
  }
  std::printf(
      "conform_bench: %d s per figure, %u hardware threads (shared machine: figures vary "
      "with other load)\n",
      args.seconds, std::thread::hardware_concurrency());
  const Workload w = load_workload(args.spec);
  Report report;
  report.json["seconds"] = args.seconds;
  report.json["in_flight"] = args.in_flight;
  report.json["hardware_threads"] = std::thread::hardware_concurrency();
  if (args.only.empty() || args.only == "client") {
    client_vs_bare(args, w, report);
  }
  if (args.only.empty() || args.only == "mock") {
    mock_throughput(args, w, report);
  }
  if (args.only == "runner") {
    RunnerBenchOptions o;
    o.spec = args.spec;
    o.conform = args.runner_conform.empty() ? sibling_conform_binary() : args.runner_conform;
    o.sizes = args.runner_sizes;
    o.spec = args.spec;
    o.in_flight = args.runner_in_flight;
    o.measure_client_rate = [&] { return client_signed_rate(args, w); };
    o.scratch = std::filesystem::temp_directory_path().string() + "/conform-bench-runner-" +
                std::to_string(::getpid());
    report.json["runner"] = runner_throughput(o);
    std::filesystem::remove_all(o.scratch);
  }
  std::ofstream(args.json) << report.json.dump(2) << "\n";
  std::printf("\nresults written to %s\n", args.json.c_str());
  if (report.broken) {
    std::printf("bench broken: some requests did not get the expected answers (see statuses)\n");
    return 2;
  }
  return args.strict && report.target_missed ? 1 : 0;
}

}  // namespace
}  // namespace conform::bench

int main(int argc, char** argv) {
  try {
    return conform::bench::run(conform::bench::parse_args(argc, argv));
  } catch (const std::invalid_argument& e) {
    std::cerr << "conform_bench: " << e.what() << "\n";
    conform::bench::usage(std::cerr);
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "conform_bench: " << e.what() << "\n";
    return 2;
  }
}
