#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/deferred_text.h"

// One HTTP exchange as reports see it. Built by the client with secrets already masked (see
// mask.h), so anything holding an Exchange may print or store it.
namespace conform::http {

struct HeaderField {
  std::string name;
  std::string value;
  bool operator==(const HeaderField&) const = default;
};
using HeaderFields = std::vector<HeaderField>;

/// The first header called `name`, compared without regard to ASCII case.
std::optional<std::string> find_header(const HeaderFields& headers, std::string_view name);

enum class TransportErrorKind {
  kConnectFailed,    // refused, unreachable, DNS
  kConnectTimeout,   // no TCP/TLS connection within the connect timeout
  kTimeout,          // connected, but the whole exchange exceeded the total timeout
  kTls,              // handshake or certificate failure
  kProtocol,         // not HTTP: bad status line, malformed headers
  kNoResponse,       // connection closed before any byte of a response arrived
  kConnectionReset,  // connection reset (RST) by the peer or a middlebox
  kBodyIncomplete,   // connection closed cleanly before the announced body arrived
  kBodyTooLarge,     // body exceeded the cap; response_body holds the first cap bytes
  kSendFailed,       // connection broke while sending
  kNotSent,          // the runner held the request back (dry run, open breaker, interrupt)
  kOther,
};

std::string_view to_string(TransportErrorKind kind);

struct TransportError {
  TransportErrorKind kind = TransportErrorKind::kOther;
  std::string message;  // human-readable, from libcurl's error buffer; never holds secrets
};

struct Retry {
  int attempt = 0;                     // 1 for the first retry
  std::string reason;                  // e.g. "error code Throttling.User", "connect_failed: ..."
  std::chrono::milliseconds delay{0};  // waited before this retry
  int status = 0;                      // status of the attempt that caused the retry (0: none)
};

struct Timings {
  std::chrono::microseconds connect{0};     // TCP (+TLS) established, from start
  std::chrono::microseconds first_byte{0};  // first response byte, from start
  std::chrono::microseconds total{0};
};

struct Exchange {
  std::string method;
  std::string url;               // masked
  HeaderFields request_headers;  // masked
  std::string request_body;      // masked
  int status = 0;                // 0 when no response status was received
  HeaderFields response_headers;
  std::string response_body;
  bool response_truncated = false;
  Timings timings;
  std::vector<Retry> retries;
  std::optional<TransportError> error;
  DeferredText replay_command;  // shell snippet to resend it; reads secrets from the environment
};

}  // namespace conform::http
