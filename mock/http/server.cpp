#include "mock/http/server.h"

#include <unistd.h>

#include <stdexcept>
#include <utility>

#include "mock/http/connection.h"
#include "mock/http/io_worker.h"
#include "mock/http/server_counters.h"
#include "mock/http/socket_util.h"

namespace conform::mock::http {

Server::Server(ServerOptions options)
    : options_(std::move(options)), counters_(std::make_unique<ServerCounters>()) {
  if (options_.io_threads == 0) {
    options_.io_threads = 1;
  }
}

Server::~Server() {
  stop();
}

void Server::start(Handler handler) {
  if (running()) {
    throw std::logic_error("mock http: server already started");
  }
  UniqueFd listener = open_listener(options_.host, options_.port);
  port_ = local_port(listener.get());
  handler_ = std::move(handler);
  context_ = std::make_unique<ConnectionContext>(ConnectionContext{handler_, options_, *counters_});
  listen_fd_ = listener.release();
  try {
    for (unsigned i = 0; i < options_.io_threads; ++i) {
      workers_.push_back(std::make_unique<IoWorker>(listen_fd_, *context_));
    }
  } catch (...) {
    workers_.clear();
    ::close(listen_fd_);
    listen_fd_ = -1;
    throw;
  }
  for (auto& w : workers_) {
    w->start();
  }
}

void Server::stop() {
  // Workers are joined before the listener closes: a worker still running could otherwise
  // accept4() on a descriptor number already reused by someone else.
  for (auto& w : workers_) {
    w->stop();
  }
  workers_.clear();
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
  }
}

std::string Server::url() const {
  std::string host = options_.host;
  if (host == "0.0.0.0" || host.empty()) {
    host = "127.0.0.1";
  } else if (host == "::") {
    host = "::1";
  }
  if (host.find(':') != std::string::npos) {
    host = "[" + host + "]";
  }
  return "http://" + host + ":" + std::to_string(port_);
}

ServerStats Server::stats() const {
  const auto load = [](const std::atomic<std::uint64_t>& a) {
    return a.load(std::memory_order_relaxed);
  };
  return ServerStats{load(counters_->connections_accepted), load(counters_->connections_open),
                     load(counters_->connections_rejected), load(counters_->requests_served),
                     load(counters_->parse_errors),         load(counters_->timeouts)};
}

}  // namespace conform::mock::http
