#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "mock/http/handler.h"
#include "mock/http/request_parser.h"
#include "mock/http/response_writer.h"
#include "mock/http/server_counters.h"
#include "mock/http/server_options.h"
#include "mock/http/socket_util.h"

namespace conform::mock::http {

using Clock = std::chrono::steady_clock;

struct ConnectionContext {
  const Handler& handler;
  const ServerOptions& options;
  ServerCounters& counters;
};

/// One accepted socket: reads, parses, calls the handler and writes, in request order. It never
/// blocks and never touches epoll; the I/O worker asks what it wants (read, write, a deadline)
/// after every event and arranges that.
class Connection {
 public:
  Connection(UniqueFd fd, PeerAddress peer, const ConnectionContext& context,
             Clock::time_point now);

  void on_readable(Clock::time_point now);
  void on_writable(Clock::time_point now);
  /// Called at or after deadline(); acts only if that deadline has really passed.
  void on_timer(Clock::time_point now);
  /// Peer reset or hung up: nothing more can be exchanged.
  void abort() { finish(); }

  bool finished() const { return finished_; }
  bool wants_read() const;
  bool wants_write() const { return !finished_ && out_sent_ < out_.size(); }
  Clock::time_point deadline() const;
  int fd() const { return fd_.get(); }

 private:
  struct DelayedResponse {
    Response response;
    ResponseContext context;
    Clock::time_point due;
  };

  void process(Clock::time_point now);
  bool blocked() const;
  void dispatch(ReceivedRequest request, const ResponseContext& context, Clock::time_point now);
  void emit(const Response& response, const ResponseContext& context);
  void queue_error(int status, const std::string& message);
  void append_output(std::string_view bytes);
  void flush(Clock::time_point now);
  void settle();
  void start_linger(Clock::time_point now);
  void drain_lingering();
  void finish();

  UniqueFd fd_;
  PeerAddress peer_;
  Clock::time_point now_;  // of the event being handled
  const ConnectionContext& context_;
  RequestParser parser_;
  std::size_t read_cap_;

  std::string in_;
  std::string out_;
  std::size_t out_sent_ = 0;
  std::optional<DelayedResponse> delayed_;

  Clock::time_point last_write_;  // last output progress, for clients that stop reading
  // Since the last completed exchange; reads do not refresh it, so a peer trickling empty lines
  // (which the parser skips) still counts as idle.
  Clock::time_point idle_since_;
  std::optional<Clock::time_point> request_started_;
  Clock::time_point linger_until_;
  bool continue_sent_ = false;
  bool peer_eof_ = false;
  bool close_after_flush_ = false;  // no further request will be read
  bool lingering_ = false;          // write side shut, discarding input until the peer closes
  bool finished_ = false;
};

}  // namespace conform::mock::http
