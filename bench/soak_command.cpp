#include "bench/soak_command.h"

#include <cstdio>

#include "bench/soak/soak.h"
#include "core/spec/loader.h"
#include "mock/embedded_mock.h"
#include "mock/fixtures.h"
#include "mock/key_store.h"

namespace conform::bench {

int run_soak(const SoakCommand& command) {
  const auto op = spec::load_operation(command.spec);
  mock::KeyStore keys;
  keys.add(
      {std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret), std::nullopt});
  mock::ServiceOptions service;
  service.limits.max_nonces = command.max_nonces;
  mock::EmbeddedMock endpoint_mock(op, mock::default_fixtures(*op), keys, service);
  endpoint_mock.start();
  soak::Options o;
  o.requests = command.requests;
  o.connections = command.connections;
  o.on_sample = [](std::uint64_t answered, long rss) {
    std::printf("  %10llu answered, RSS %ld KiB\n", static_cast<unsigned long long>(answered), rss);
    std::fflush(stdout);
  };
  std::printf("conform_bench --soak: %llu requests, %d in flight, %u mock I/O threads\n",
              static_cast<unsigned long long>(o.requests), o.connections,
              mock::http::default_io_threads());
  const auto report = soak::run(endpoint_mock, o, command.rss_growth_kib);
  endpoint_mock.stop();
  std::printf("%s", soak::summary(report).c_str());
  std::printf("soak %s\n", report.ok() ? "PASSED" : "FAILED");
  return report.ok() ? 0 : 1;
}

}  // namespace conform::bench
