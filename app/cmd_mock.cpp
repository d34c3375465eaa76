#include <pthread.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/mock_options.h"
#include "app/operation_set.h"
#include "mock/embedded_mock.h"
#include "mock/http/socket_util.h"

namespace conform::app {
namespace {

int usage_error(const std::string& message) {
  std::fprintf(stderr, "conform mock: %s\n(see conform mock --help)\n", message.c_str());
  return kExitUsage;
}

}  // namespace

int run_mock(const Args& args) {
  MockOptions o;
  if (const auto stop = parse_mock_options(args, o))
    return stop->error ? usage_error(*stop->error) : kExitConformant;

  std::string error;
  const auto set = load_operation_set({o.spec_path, o.spec_dir, o.operations}, "mock", error);
  if (!set)
    return error.empty() ? kExitUsage : usage_error(error);
  const bool single = set->ops.size() == 1;
  if (!single && (!o.resource_flags.items.empty() || !o.fixtures_path.empty())) {
    return usage_error(
        "--fixtures and resource flags need one operation (--spec FILE or "
        "--operation NAME); " +
        std::to_string(set->ops.size()) + " are selected");
  }
  const auto& op = set->ops.front();
  const auto flags = read_resource_flags(o, *op);
  if (flags.error)
    return usage_error(*flags.error);
  const auto& resource_flags = flags.flags;

  mock::KeyStore keys;
  try {
    for (const auto& k : o.key_flags)
      keys.add(mock::parse_access_key(k));
    if (keys.empty())
      keys = mock::default_keys();
    std::vector<mock::ServedOperation> served;
    std::size_t resources = 0;
    for (const auto& each : set->ops) {
      // A fault applies to every operation served, so it must make sense for each.
      mock::ServedOperation s{each, {}, mock::parse_faults(o.faults, *each)};
      if (!o.fixtures_path.empty())
        s.fixtures = mock::load_fixtures(o.fixtures_path, *each);
      for (const auto& [resource, text] : resource_flags)
        s.fixtures.records.push_back(mock::parse_resource_flag(*each, resource, text));
      if (o.fixtures_path.empty()) {
        // A flag replaces the defaults of the resource it names; the others keep theirs.
        for (const auto& record : mock::default_fixtures(*each).records) {
          const bool named =
              std::any_of(resource_flags.begin(), resource_flags.end(),
                          [&](const auto& flag) { return flag.first == record.resource; });
          if (!named)
            s.fixtures.records.push_back(record);
        }
      }
      resources += s.fixtures.records.size();
      served.push_back(std::move(s));
    }
    const bool any_faults =
        std::any_of(served.begin(), served.end(), [](const auto& s) { return s.faults.any(); });

    // Block the stop signals before the server's threads start, so they inherit the mask and only
    // this thread sees SIGINT/SIGTERM.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    mock::EmbeddedMock endpoint(std::move(served), keys, o.service, o.server);
    endpoint.start();
    if (!mock::http::is_loopback_address(o.server.host)) {
      // The mock takes the documented test key and, with --no-auth, anything: on a reachable
      // address that is an open door, so say so every time.
      std::fprintf(stderr,
                   "conform mock: WARNING: listening on %s, which other hosts can reach; the "
                   "default is 127.0.0.1 (the control API still answers loopback peers only)\n",
                   o.server.host.c_str());
    }
    std::printf("%s\n", endpoint.url().c_str());
    std::fflush(stdout);
    std::fprintf(
        stderr,
        "conform mock: serving %s %s on %s (%zu resources, %zu key%s%s%s%s); stop with Ctrl-C\n",
        single ? op->action.c_str()
               : (std::to_string(set->ops.size()) + " operations from " + set->source).c_str(),
        single ? op->version.c_str() : "", endpoint.url().c_str(), resources, keys.size(),
        keys.size() == 1 ? "" : "s", o.service.authenticate ? "" : ", no authentication",
        o.service.control_api ? ", control API on" : "", any_faults ? ", faults on" : "");
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
