#pragma once

// The soak driver: a long, mixed, concurrent load against an embedded mock, checked request by
// request and at the end against the mock's own state. It lives outside mock/ because it signs
// requests with the client (mock/ must not depend on client/); conform_bench runs the full soak
// and conform_tests a short one.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "mock/embedded_mock.h"

namespace conform::soak {

/// What one request of the soak is, and so what answer it must get.
enum class Kind {
  kValidV1,           // signed V1, with a client token from the bounded set
  kValidV3,           // signed V3, with a client token from the bounded set
  kValidNoToken,      // signed, no client token: creates a record each time
  kWrongSecret,       // forged: a known key id signed with another secret
  kUnknownKey,        // forged: a key id the mock does not know
  kTampered,          // an operation parameter changed after signing
  kStaleTimestamp,    // dated before the accepted clock skew
  kFutureTimestamp,   // dated after the accepted clock skew
  kReplay,            // the exact bytes of an accepted request, sent again
  kReusedNonce,       // freshly signed, with the nonce of an accepted request
  kMissingParameter,  // a required operation parameter left out
  kOutOfRange,        // an integer parameter one past its largest allowed value
  kUnknownResource,   // a resource ID the mock does not know
  kWrongState,        // a resource in a state the operation refuses
  kTokenMismatch,     // an accepted client token with other parameters
  kGarbage,           // not HTTP at all
  kOversizedHead,     // a header section over the server's limit
  kOversizedBody,     // a Content-Length over the server's limit
};

std::string to_string(Kind kind);

struct Options {
  std::uint64_t requests = 50'000;
  int connections = 64;
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
  std::uint64_t unanswered = 0;  // connection lost or unparseable before an answer came
  std::uint64_t reconnects = 0;
  std::uint64_t wrong_answers = 0;
  std::uint64_t server_errors = 0;  // 5xx
  std::map<Kind, std::uint64_t> by_kind;
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

/// VmRSS of this process in KiB, from /proc/self/status; 0 when unreadable.
long rss_kib();

/// One line per figure, for logs.
std::string summary(const Report& report);

}  // namespace conform::soak
