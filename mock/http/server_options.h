#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>

namespace conform::mock::http {

inline unsigned default_io_threads() {
  return std::max(1U, std::thread::hardware_concurrency());
}

struct ServerOptions {
  std::string host = "127.0.0.1";  // numeric IPv4 or IPv6 address
  std::uint16_t port = 0;          // 0: an ephemeral port, see Server::port()
  unsigned io_threads = default_io_threads();
  std::size_t max_header_bytes = 64 * 1024;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  std::size_t max_header_count = 100;  // more fields: 431, like a head over max_header_bytes
  /// How long a keep-alive connection may sit between requests before the server closes it.
  std::chrono::milliseconds idle_timeout{15'000};
  /// How long a request may take to arrive once its first byte is in (slowloris protection); also
  /// how long a client may leave a response unread before the connection is dropped.
  std::chrono::milliseconds read_timeout{10'000};
  /// Connections beyond this are accepted and closed at once.
  std::size_t max_connections = 1024;
};

}  // namespace conform::mock::http
