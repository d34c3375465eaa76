#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mock/http/request.h"

namespace conform::mock::http::testing {

struct ParsedResponse {
  int status = 0;
  std::string reason;
  Headers headers;
  std::string body;

  std::string header(std::string_view name) const {
    const auto v = find_header(headers, name);
    return v ? std::string(*v) : std::string();
  }
};

/// A deliberately dumb blocking client over a raw socket to 127.0.0.1, so tests control every byte
/// (pipelining, bad framing, half-closes). Every read has a deadline: a server bug fails the test
/// instead of hanging it.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send(std::string_view bytes);
  /// One response framed by Content-Length (HEAD and 1xx have none); nullopt on EOF or timeout.
  std::optional<ParsedResponse> read_response(bool head_request = false);
  /// Everything until the server closes (or the timeout), including what read_response buffered.
  std::string read_until_close();
  /// True if the server closed the connection (EOF or reset) within the timeout, with no data.
  bool closed_by_peer();
  void shutdown_write();
  /// Close with SO_LINGER 0, i.e. a TCP reset, like a crashed client.
  void reset();

 private:
  bool fill();  // reads more into buffer_; false on EOF, error or timeout
  std::optional<std::size_t> head_end() const;

  int fd_ = -1;
  std::chrono::milliseconds timeout_;
  std::string buffer_;
  bool eof_ = false;
};

/// Polls `done` until it holds or `timeout` passes; counters change on server threads.
bool wait_until(const std::function<bool()>& done,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));

/// Open descriptors of this process, for leak checks.
std::size_t open_fd_count();

}  // namespace conform::mock::http::testing
