#pragma once

// The soak: a long, mixed, concurrent load against an embedded mock, judged request by request
// against the spec and at the end against the mock's own state. Its requests come from the
// generators, go out through the signed client and are judged by the suites' judge, so the soak
// exercises the same pipeline as `conform run`, only longer and with many requests in flight.
// conform_bench --soak runs the full soak and conform_tests a short one.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "mock/embedded_mock.h"

namespace conform::bench::soak {

struct Options {
  std::uint64_t requests = 50'000;
  int connections = 64;        // requests in flight, each on its own keep-alive connection
  std::size_t tokens = 2'000;  // distinct client tokens of the valid requests
  /// Consecutive valid requests sharing one token; they go out on different connections at
  /// nearly the same time, so the mock sees the same token race itself.
  std::size_t token_burst = 8;
  double invalid_share = 0.35;
  double warmup_share = 0.10;  // RSS growth is measured from the end of the warm-up
  std::size_t rss_samples = 20;
  std::uint64_t seed = 1;
  /// Called after each RSS sample, for progress output; may be empty.
  std::function<void(std::uint64_t answered, long rss_kib)> on_sample;
};

struct RssSample {
  std::uint64_t answered = 0;
  long rss_kib = 0;
};

struct Report {
  std::uint64_t sent = 0;
  std::uint64_t answered = 0;
  std::uint64_t unanswered = 0;  // a transport error: no answer to judge
  std::uint64_t wrong_answers = 0;
  std::uint64_t observations = 0;   // answers the contract does not settle, differing from it
  std::uint64_t server_errors = 0;  // 5xx
  long connections_opened = 0;
  std::map<std::string, std::uint64_t> by_kind;
  std::map<int, std::uint64_t> statuses;
  double seconds = 0;
  std::size_t tokens_used = 0;        // distinct tokens of requests that got a success
  std::size_t orders_with_token = 0;  // records in the mock carrying a soak token
  std::size_t tokens_with_extra_orders = 0;
  std::size_t tokens_with_differing_ids = 0;  // two successes of one token named other orders
  std::vector<RssSample> rss;
  long rss_warm_kib = 0;
  long rss_end_kib = 0;
  mock::StateSizes state;
  /// Human-readable findings; empty when every check held. Never holds secrets or signatures.
  std::vector<std::string> failures;

  bool ok() const { return failures.empty(); }
  double requests_per_second() const { return seconds > 0 ? double(answered) / seconds : 0; }
};

/// Runs the soak against `mock`, which must be started, authenticate with the documented test
/// key, hold the default fixtures and inject no faults. RSS is this process's (mock and driver).
/// `max_rss_growth_kib`: allowed VmRSS growth from the end of the warm-up to the end.
Report run(mock::EmbeddedMock& mock, const Options& options, long max_rss_growth_kib);

/// One line per figure, for logs.
std::string summary(const Report& report);

/// The kinds of request that exist only in the soak (the others are named after the generators'
/// breaks): exact bytes of an accepted request sent again, an answered client token with other
/// parameters, and the three sent by the raw sender.
inline constexpr const char* kReplay = "replay";
inline constexpr const char* kTokenMismatch = "token-mismatch";
inline constexpr const char* kGarbage = "garbage";
inline constexpr const char* kOversizedHead = "oversized-head";
inline constexpr const char* kOversizedBody = "oversized-body";

}  // namespace conform::bench::soak
