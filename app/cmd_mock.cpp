#include <pthread.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/spec_files.h"
#include "mock/embedded_mock.h"
#include "mock/http/socket_util.h"

namespace conform::app {
namespace {

constexpr const char* kUsage =
    "usage: conform mock [options]\n"
    "\n"
    "Runs the spec-driven mock endpoint until SIGINT or SIGTERM. It prints its URL on stdout.\n"
    "\n"
    "  --spec FILE            operation spec (default: the only one under the specs directory)\n"
    "  --host ADDR            address to bind (default 127.0.0.1; anything else exposes the mock)\n"
    "  --port N               port (default 0: any free port)\n"
    "  --access-key ID:SECRET[:TOKEN]  a key pair to accept (repeatable; default: the pair in\n"
    "                         ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET, else the test pair\n"
    "                         conform-test-key:conform-test-secret)\n"
    "  --fixtures FILE        resources to start with: {\"resources\": {\"<resource>\": [{\"id\", "
    "\"state\"}]}}\n"
    "  --<resource> ID[=STATE]  a resource the spec names and its state (conform describe lists\n"
    "                         them; repeatable; replaces the default fixtures of that resource)\n"
    "  --no-auth              accept requests without checking signatures, keys, times, nonces\n"
    "  --control              enable the control API under /__conform/ (loopback peers only)\n"
    "  --quota                enforce the spec's rate quota\n"
    "  --fault F              inject a fault (repeatable):\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "conform mock: %s\n(see conform mock --help)\n", message.c_str());
  return kExitUsage;
}

}  // namespace

int run_mock(const Args& args) {
  std::string spec_path;
  mock::ServiceOptions options;
  mock::http::ServerOptions server;
  std::vector<std::string> faults;
  std::vector<std::string> key_flags;
  std::vector<std::pair<std::string, std::string>> resource_flags;
  std::string fixtures_path;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size())
        return std::nullopt;
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      std::printf("%s%s", kUsage, mock::fault_help().c_str());
      return kExitConformant;
    } else if (a == "--no-auth") {
      options.authenticate = false;
    } else if (a == "--control") {
      options.control_api = true;
    } else if (a == "--quota") {
      options.enforce_quota = true;
    } else if (a.rfind("--", 0) == 0) {
      const auto v = value();
      if (!v)
        return usage_error(a + " needs a value");
      if (a == "--spec") {
        spec_path = *v;
      } else if (a == "--host") {
        server.host = *v;
      } else if (a == "--port") {
        char* end = nullptr;
        const long port = std::strtol(v->c_str(), &end, 10);
        if (v->empty() || *end != '\0' || port < 0 || port > 65535)
          return usage_error("--port must be 0 to 65535");
        server.port = static_cast<std::uint16_t>(port);
      } else if (a == "--access-key") {
        key_flags.push_back(*v);
      } else if (a == "--fixtures") {
        fixtures_path = *v;
      } else if (a == "--fault") {
        faults.push_back(*v);
      } else {
        resource_flags.emplace_back(a.substr(2), *v);  // checked against the spec below
      }
    } else {
      return usage_error("unexpected argument '" + a + "'");
    }
  }

  if (spec_path.empty()) {
    const auto specs = find_operation_specs(default_specs_dir());
    if (specs.size() != 1) {
      return usage_error(std::to_string(specs.size()) + " operation specs under " +
                         default_specs_dir() + "; name one with --spec");
    }
    spec_path = specs.front();
  }
  const auto op = load_or_report(spec_path, "mock");
  if (!op)
    return kExitUsage;

  mock::KeyStore keys;
  try {
    for (const auto& k : key_flags)
      keys.add(mock::parse_access_key(k));
    if (keys.empty())
      keys = mock::default_keys();
    options.faults = mock::parse_faults(faults, *op);
    mock::InitialResources fixtures;
    if (!fixtures_path.empty())
      fixtures = mock::load_fixtures(fixtures_path, *op);
    for (const auto& [resource, text] : resource_flags) {
      fixtures.records.push_back(mock::parse_resource_flag(*op, resource, text));
    }
    if (fixtures_path.empty()) {
      // A flag replaces the defaults of the resource it names; the others keep theirs.
      for (const auto& record : mock::default_fixtures(*op).records) {
        const bool named =
            std::any_of(resource_flags.begin(), resource_flags.end(),
                        [&](const auto& flag) { return flag.first == record.resource; });
        if (!named)
          fixtures.records.push_back(record);
      }
    }

    // Block the stop signals before the server's threads start, so they inherit the mask and only
    // this thread sees SIGINT/SIGTERM.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    mock::EmbeddedMock endpoint(op, fixtures, keys, options, server);
    endpoint.start();
    if (!mock::http::is_loopback_address(server.host)) {
      // The mock takes the documented test key and, with --no-auth, anything: on a reachable
      // address that is an open door, so say so every time.
      std::fprintf(stderr,
                   "conform mock: WARNING: listening on %s, which other hosts can reach; the "
                   "default is 127.0.0.1 (the control API still answers loopback peers only)\n",
                   server.host.c_str());
    }
    std::printf("%s\n", endpoint.url().c_str());
    std::fflush(stdout);
    std::fprintf(
        stderr,
        "conform mock: serving %s %s on %s (%zu resources, %zu key%s%s%s%s); stop with Ctrl-C\n",
        op->action.c_str(), op->version.c_str(), endpoint.url().c_str(), fixtures.records.size(),
        keys.size(), keys.size() == 1 ? "" : "s", options.authenticate ? "" : ", no authentication",
        options.control_api ? ", control API on" : "", options.faults.any() ? ", faults on" : "");
    int received = 0;
    sigwait(&stop_signals, &received);
    std::fprintf(stderr, "conform mock: %s, stopping\n", received == SIGINT ? "SIGINT" : "SIGTERM");
    endpoint.stop();
    const auto stats = endpoint.server().stats();
    std::fprintf(stderr, "conform mock: served %llu requests\n",
                 static_cast<unsigned long long>(stats.requests_served));
  } catch (const std::invalid_argument& e) {
    return usage_error(e.what());
  } catch (const spec::ResourceFixtureError& e) {
    return usage_error(e.what());
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "conform mock: %s\n", e.what());
    return kExitUsage;
  }
  return kExitConformant;
}

}  // namespace conform::app
