#pragma once

#include <atomic>
#include <cstdint>

namespace conform::mock::http {

/// Shared by all I/O threads; relaxed atomics, as they only feed tests and soak checks.
struct ServerCounters {
  std::atomic<std::uint64_t> connections_accepted{0};
  std::atomic<std::uint64_t> connections_open{0};
  std::atomic<std::uint64_t> connections_rejected{0};
  std::atomic<std::uint64_t> requests_served{0};
  std::atomic<std::uint64_t> parse_errors{0};
  std::atomic<std::uint64_t> timeouts{0};
};

}  // namespace conform::mock::http
