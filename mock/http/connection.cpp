#include "mock/http/connection.h"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <utility>

namespace conform::mock::http {

namespace {

// A pipelining client that never reads its responses stops being parsed past this much output.
constexpr std::size_t kMaxPendingOutput = 1024 * 1024;
// Input read per readiness event, so one busy connection cannot starve the others on its thread.
constexpr std::size_t kMaxReadPerEvent = 256 * 1024;
// After an error response, input is drained this long so the close does not turn into a reset
// that destroys the response before the client reads it.
constexpr std::chrono::milliseconds kMaxLinger{2000};

}  // namespace

Connection::Connection(UniqueFd fd, PeerAddress peer, const ConnectionContext& context,
                       Clock::time_point now)
    : fd_(std::move(fd)),
      peer_(std::move(peer)),
      now_(now),
      context_(context),
      parser_(ParserLimits{context.options.max_header_bytes, context.options.max_body_bytes,
                           context.options.max_header_count}),
      read_cap_(context.options.max_header_bytes + 64 * 1024),
      last_write_(now),
      idle_since_(now) {}

bool Connection::wants_read() const {
  if (finished_) {
    return false;
  }
  return lingering_ || (!peer_eof_ && !close_after_flush_ && in_.size() < read_cap_);
}

Clock::time_point Connection::deadline() const {
  const auto& o = context_.options;
  if (finished_) {
    return Clock::time_point::max();
  }
  if (lingering_) {
    return linger_until_;
  }
  if (delayed_) {
    return delayed_->due;
  }
  if (wants_write()) {
    return last_write_ + o.read_timeout;
  }
  if (request_started_) {
    return *request_started_ + o.read_timeout;
  }
  return idle_since_ + o.idle_timeout;
}

void Connection::on_readable(Clock::time_point now) {
  now_ = now;
  if (lingering_) {
    drain_lingering();
    return;
  }
  std::array<char, 16 * 1024> buf;
  std::size_t total = 0;
  while (total < kMaxReadPerEvent && in_.size() < read_cap_) {
    const ssize_t n = ::recv(fd_.get(), buf.data(), buf.size(), 0);
    if (n > 0) {
      in_.append(buf.data(), static_cast<std::size_t>(n));
      total += static_cast<std::size_t>(n);
      if (static_cast<std::size_t>(n) < buf.size()) {
        // Short read: the socket is very likely empty now, and asking again only to hear EAGAIN
        // cost a system call per request. The epoll interest is level-triggered, so whatever
        // arrives later (or an EOF) wakes this connection again.
        break;
      }
      continue;
    }
    if (n == 0) {
      peer_eof_ = true;
      break;
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      finish();  // reset by peer: nobody is left to answer
      return;
    }
    break;
  }
  process(now);
  flush(now);
  settle();
}

void Connection::on_writable(Clock::time_point now) {
  now_ = now;
  flush(now);
  if (!blocked() && !finished_) {
    process(now);
    flush(now);
  }
  settle();
}

void Connection::on_timer(Clock::time_point now) {
  now_ = now;
  if (finished_ || deadline() > now) {
    return;
  }
  if (lingering_) {
    finish();
    return;
  }
  if (delayed_) {
    DelayedResponse due = std::move(*delayed_);
    delayed_.reset();
    emit(due.response, due.context);
    process(now);
    flush(now);
    settle();
    return;
  }
  context_.counters.timeouts.fetch_add(1, std::memory_order_relaxed);
  if (request_started_ && !wants_write() && !close_after_flush_) {
    // A stalled request gets a 408 so a well-meaning but slow client learns why it was cut off.
    queue_error(408, "request not received in time");
    flush(now);
    settle();
    return;
  }
  finish();  // idle keep-alive expired, or the client stopped reading our output
}

bool Connection::blocked() const {
  return delayed_.has_value() || close_after_flush_ || out_.size() - out_sent_ > kMaxPendingOutput;
}

void Connection::process(Clock::time_point now) {
  std::size_t used = 0;
  while (!blocked() && !finished_) {
    const std::string_view pending = std::string_view(in_).substr(used);
    if (pending.empty() && !parser_.head_complete()) {
      break;
    }
    used += parser_.consume(pending);
    const auto state = parser_.state();
    if (state == RequestParser::State::kError) {
      context_.counters.parse_errors.fetch_add(1, std::memory_order_relaxed);
      queue_error(parser_.error_status(), parser_.error_message());
      break;
    }
    if (state == RequestParser::State::kComplete) {
      const ResponseContext rc{false, parser_.keep_alive(), false};
      ReceivedRequest request = parser_.take();
      continue_sent_ = false;
      request_started_.reset();
      dispatch(std::move(request), rc, now);
      continue;
    }
    if (parser_.expects_continue() && !continue_sent_) {
      append_output(kContinueResponse);
      continue_sent_ = true;
    }
    break;
  }
  in_.erase(0, used);
  const bool in_progress = !in_.empty() || parser_.head_complete();
  if (in_progress && !request_started_ && !blocked()) {
    request_started_ = now;
  }
}

void Connection::dispatch(ReceivedRequest request, const ResponseContext& context,
                          Clock::time_point now) {
  request.peer_ip = peer_.ip;
  request.peer_is_loopback = peer_.loopback;
  ResponseContext rc = context;
  rc.head_request = request.method == "HEAD";
  rc.http10 = request.version == "HTTP/1.0";
  Response response;
  try {
    response = context_.handler(request);
  } catch (...) {
    // A bug in the upper layer must show up as a failing test, not a dead mock.
    response = Response::text(500, "mock handler threw an exception\n");
  }
  context_.counters.requests_served.fetch_add(1, std::memory_order_relaxed);
  if (response.delay.count() > 0) {
    const Clock::time_point due = now + response.delay;
    delayed_ = DelayedResponse{std::move(response), rc, due};
    return;
  }
  emit(response, rc);
}

void Connection::emit(const Response& response, const ResponseContext& context) {
  if (response.close_without_response) {
    close_after_flush_ = true;
    return;
  }
  WireResponse wire = write_response(response, context);
  append_output(wire.bytes);
  close_after_flush_ = close_after_flush_ || wire.close_after;
}

void Connection::queue_error(int status, const std::string& message) {
  const Response response = Response::text(status, message + "\n");
  append_output(write_response(response, ResponseContext{false, false, false}).bytes);
  close_after_flush_ = true;
}

void Connection::append_output(std::string_view bytes) {
  if (out_sent_ == out_.size()) {
    last_write_ = now_;  // the unread-output clock starts when there is output to read
  }
  out_ += bytes;
}

void Connection::flush(Clock::time_point now) {
  while (out_sent_ < out_.size()) {
    // MSG_NOSIGNAL: a peer that vanished must cost us an EPIPE, not the process a SIGPIPE.
    const ssize_t n =
        ::send(fd_.get(), out_.data() + out_sent_, out_.size() - out_sent_, MSG_NOSIGNAL);
    if (n > 0) {
      out_sent_ += static_cast<std::size_t>(n);
      last_write_ = now;
      continue;
    }
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return;
    }
    finish();
    return;
  }
  if (!out_.empty()) {
    out_.clear();
    out_sent_ = 0;
    idle_since_ = now;  // an exchange just completed
  }
  if (close_after_flush_ && !delayed_ && !lingering_) {
    start_linger(now);
  }
}

void Connection::settle() {
  // A half-closed peer still gets the answers to every complete request it sent (process() has
  // run them all by now); what may be left is an incomplete request that can never finish.
  if (!finished_ && peer_eof_ && !lingering_ && !delayed_ && !wants_write()) {
    finish();
  }
}

void Connection::start_linger(Clock::time_point now) {
  ::shutdown(fd_.get(), SHUT_WR);
  in_.clear();
  in_.shrink_to_fit();
  lingering_ = true;
  linger_until_ = now + std::min(kMaxLinger, context_.options.read_timeout);
  if (peer_eof_) {
    finish();
  }
}

void Connection::drain_lingering() {
  std::array<char, 16 * 1024> buf;
  for (std::size_t total = 0; total < kMaxReadPerEvent;) {
    const ssize_t n = ::recv(fd_.get(), buf.data(), buf.size(), 0);
    if (n > 0) {
      total += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return;
    }
    break;  // EOF or error: the peer has seen our response or will never see it
  }
  finish();
}

void Connection::finish() {
  finished_ = true;
  fd_.reset();
  in_.clear();
  out_.clear();
  out_sent_ = 0;
  delayed_.reset();
}

}  // namespace conform::mock::http
