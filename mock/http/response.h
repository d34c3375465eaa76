#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "mock/http/request.h"

namespace conform::mock::http {

/// What a handler returns. The server adds Content-Length and Connection itself (any such headers
/// set here are replaced) so that framing always matches what is actually sent; deliberately broken
/// framing goes through `raw` or `truncate_body_to`.
struct Response {
  int status = 200;
  std::string reason;  // empty: the standard phrase for `status`
  Headers headers;
  std::string body;

  // Fault injection, for the upper layer's timeout and robustness scenarios.
  /// Wait this long before sending (or before dropping, with close_without_response). A timer on
  /// the I/O thread, so other connections keep being served; later pipelined requests wait.
  std::chrono::milliseconds delay{0};
  /// Close the connection instead of answering (responses queued before this one are still sent).
  bool close_without_response = false;
  /// Announce the full Content-Length, send only this many body bytes, then close.
  std::optional<std::size_t> truncate_body_to;
  /// Send exactly these bytes instead of a formatted response, then close (framing is unknowable).
  std::optional<std::string> raw;

  /// Whether the handler itself asked to close after this response ("Connection: close").
  bool asks_close() const;

  static Response text(int status, std::string body);
};

/// Standard reason phrase, or "Unknown" for codes this server never heard of.
std::string_view reason_phrase(int status);

}  // namespace conform::mock::http
