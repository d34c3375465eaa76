#pragma once

// Bytes the signed client cannot send. The client only sends well-formed HTTP with the body it
// declares, but a server must also survive a peer that sends something else: bytes that are not
// HTTP, a header section over its limit, or a Content-Length over its limit with the body never
// coming (an 8 MiB body through libcurl would also measure the upload, and the server's early
// close races libcurl's send). These three go over a plain blocking socket, one at a time.

#include <cstdint>
#include <string>

namespace conform::bench::soak {

struct RawAnswer {
  int status = 0;       // 0: no status line came back
  bool closed = false;  // the server closed the connection after answering
  std::string error;    // why nothing could be sent or read; empty when it could
};

/// Connects to 127.0.0.1:`port`, sends `bytes`, and reads until the server closes (or 10 s pass).
RawAnswer send_raw(std::uint16_t port, const std::string& bytes);

}  // namespace conform::bench::soak
