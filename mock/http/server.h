#pragma once

// Design: N I/O threads, each an epoll loop over non-blocking sockets it owns for the connection's
// life; the listener sits in every loop with EPOLLEXCLUSIVE so an accept wakes one thread. The
// handler runs inline on the I/O thread: the mock's handlers are fast (in-memory state, one HMAC),
// so a hand-off to a worker pool would add latency and locking for nothing. What must not block
// (the delay fault, slow or stalled clients) is a timer or a readiness wait, never a sleep or a
// blocking read, so one connection cannot hold up the others. A handler that blocks would stall
// its own thread's connections only; that is the contract in handler.h.
// The server knows HTTP/1.1 framing and nothing about any API: everything else is the handler's.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mock/http/handler.h"
#include "mock/http/request.h"
#include "mock/http/response.h"
#include "mock/http/server_options.h"

namespace conform::mock::http {

class IoWorker;
struct ServerCounters;
struct ConnectionContext;

struct ServerStats {
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_open = 0;
  std::uint64_t connections_rejected = 0;  // over max_connections
  std::uint64_t requests_served = 0;       // handler calls
  std::uint64_t parse_errors = 0;          // requests refused by the server itself (4xx/5xx)
  std::uint64_t timeouts = 0;              // idle, stalled-request and unread-output timeouts
};

class Server {
 public:
  explicit Server(ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds, listens and starts the I/O threads; connections can be made as soon as it returns.
  /// Throws std::system_error whose what() names the address and the errno text, e.g.
  /// "mock http: cannot bind 127.0.0.1:80: Permission denied". Throws std::logic_error if running.
  void start(Handler handler);
  /// Closes the listener, drops open connections (in-flight handler calls finish first) and joins
  /// every thread. Idempotent; the destructor calls it.
  void stop();

  bool running() const { return !workers_.empty(); }
  std::uint16_t port() const { return port_; }
  /// "http://127.0.0.1:PORT" ("http://[::1]:PORT" for IPv6; a wildcard host yields loopback).
  std::string url() const;
  ServerStats stats() const;
  const ServerOptions& options() const { return options_; }

 private:
  ServerOptions options_;
  Handler handler_;
  std::unique_ptr<ServerCounters> counters_;
  std::unique_ptr<ConnectionContext> context_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::vector<std::unique_ptr<IoWorker>> workers_;
};

}  // namespace conform::mock::http
