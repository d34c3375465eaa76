#pragma once

#include <string>

#include "mock/http/response.h"

namespace conform::mock::http {

struct WireResponse {
  std::string bytes;
  bool close_after = false;  // the connection must end once these bytes are sent
};

struct ResponseContext {
  bool head_request = false;  // send the headers of the body but not the body
  bool keep_alive = true;     // what the request asked for
  bool http10 = false;        // 1.0 clients need an explicit "Connection: keep-alive"
};

/// Formats a handler's response for the wire, applying the framing faults (raw, truncate).
/// close_without_response and delay are timing decisions and belong to the connection.
WireResponse write_response(const Response& response, const ResponseContext& context);

/// The interim answer to "Expect: 100-continue".
inline constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace conform::mock::http
