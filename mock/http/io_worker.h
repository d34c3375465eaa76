#pragma once

#include <sys/epoll.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "mock/http/connection.h"

namespace conform::mock::http {

/// One I/O thread: an epoll set holding the shared listener (EPOLLEXCLUSIVE, so an incoming
/// connection wakes one worker, which then owns it for life) and its own connections, plus a timer
/// heap for delays and timeouts. Connections never move between threads, so they need no locks.
class IoWorker {
 public:
  IoWorker(int listen_fd, const ConnectionContext& context);
  ~IoWorker();
  IoWorker(const IoWorker&) = delete;
  IoWorker& operator=(const IoWorker&) = delete;

  void start();
  /// Drops every connection of this worker and joins its thread.
  void stop();

 private:
  struct Slot {
    std::unique_ptr<Connection> connection;
    std::uint32_t events = 0;
    Clock::time_point scheduled = Clock::time_point::max();  // earliest live heap entry
  };
  using TimerEntry = std::pair<Clock::time_point, std::uint64_t>;

  void run();
  void accept_ready(Clock::time_point now);
  void handle_event(std::uint64_t id, std::uint32_t events, Clock::time_point now);
  void settle(std::uint64_t id, Slot& slot);
  void run_timers(Clock::time_point now);
  void compact_timers();
  int wait_timeout_ms(Clock::time_point now) const;
  void pause_listener(Clock::time_point now);
  void watch_listener();

  int listen_fd_;
  const ConnectionContext& context_;
  UniqueFd epoll_;
  UniqueFd wake_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::unordered_map<std::uint64_t, Slot> slots_;
  std::priority_queue<TimerEntry, std::vector<TimerEntry>, std::greater<>> timers_;
  std::uint64_t next_id_ = 2;  // 0 and 1 tag the listener and the wake-up eventfd
  std::optional<Clock::time_point> listener_paused_until_;
};

}  // namespace conform::mock::http
