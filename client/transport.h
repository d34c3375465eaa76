#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/request.h"
#include "client/retry.h"
#include "client/send_gate.h"
#include "core/http/exchange.h"

namespace conform::client {

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};
  std::string ca_file;  // empty: the system CA store
  // Turns off certificate and host-name checks. Only for self-signed test servers; every
  // exchange made this way says so in its replay command.
  bool dangerously_skip_tls_verification = false;
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  int max_in_flight = 4;           // used by send_all
  double requests_per_second = 0;  // 0: unlimited (loopback mock); set it for real endpoints
  double burst = 1;
  RetryPolicy retry;
  // Asked between polls (at least every 100 ms). A non-empty answer ends every queued and running
  // request at once with kNotSent naming it, so an interrupted run stops sending without first
  // waiting out a stalled server's timeout.
  std::function<std::string()> stop_reason;
  // Asked for every attempt with the final signed request, just before its bytes are written; a
  // refusal ends the attempt as kNotSent naming the reason, and nothing is written.
  std::shared_ptr<SendGate> gate;
};

/// Produces the request for an attempt (0 = first). Passing a builder call here lets each retry
/// carry a fresh timestamp and nonce, which real gateways require (SignatureNonceUsed).
using RequestSource = std::function<Request(int attempt)>;

/// libcurl multi handle with a pool of easy handles: connections are kept alive and reused
/// across calls. Not thread-safe; use one Transport per thread.
class Transport {
 public:
  explicit Transport(TransportOptions options = {});
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  /// One request; retries re-send the same bytes.
  http::Exchange send(const Request& request);
  http::Exchange send(const RequestSource& source);

  /// Up to max_in_flight at once, paced by requests_per_second; results in input order.
  std::vector<http::Exchange> send_all(const std::vector<RequestSource>& sources);

  /// Connections opened so far (keep-alive reuse shows up as fewer connections than requests).
  long connections_opened() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace conform::client
