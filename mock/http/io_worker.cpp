#include "mock/http/io_worker.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>

namespace conform::mock::http {

namespace {

constexpr std::uint64_t kListenerTag = 0;
constexpr std::uint64_t kWakeTag = 1;
constexpr int kMaxAcceptsPerWakeup = 64;
// Out of descriptors: stop accepting for a moment instead of spinning on a readable listener.
constexpr std::chrono::milliseconds kAcceptBackoff{100};
constexpr std::size_t kMinTimersToCompact = 1024;

}  // namespace

IoWorker::IoWorker(int listen_fd, const ConnectionContext& context)
    : listen_fd_(listen_fd),
      context_(context),
      epoll_(::epoll_create1(EPOLL_CLOEXEC)),
      wake_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (!epoll_.valid() || !wake_.valid()) {
    throw std::system_error(errno, std::generic_category(), "mock http: epoll/eventfd");
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kWakeTag;
  ::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, wake_.get(), &ev);
  watch_listener();
}

IoWorker::~IoWorker() {
  stop();
}

void IoWorker::start() {
  thread_ = std::thread([this] { run(); });
}

void IoWorker::stop() {
  stopping_.store(true);
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_.get(), &one, sizeof one);
  if (thread_.joinable()) {
    thread_.join();
  }
}

void IoWorker::watch_listener() {
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLEXCLUSIVE;
  ev.data.u64 = kListenerTag;
  ::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, listen_fd_, &ev);
}

void IoWorker::pause_listener(Clock::time_point now) {
  // EPOLLEXCLUSIVE registrations cannot be modified, only removed and added again.
  ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, listen_fd_, nullptr);
  listener_paused_until_ = now + kAcceptBackoff;
}

void IoWorker::run() {
  std::array<epoll_event, 256> events;
  while (!stopping_.load(std::memory_order_relaxed)) {
    const int timeout = wait_timeout_ms(Clock::now());
    const int n =
        ::epoll_wait(epoll_.get(), events.data(), static_cast<int>(events.size()), timeout);
    if (n < 0 && errno != EINTR) {
      break;
    }
    const Clock::time_point now = Clock::now();
    for (int i = 0; i < n; ++i) {
      const epoll_event& ev = events[static_cast<std::size_t>(i)];
      if (ev.data.u64 == kListenerTag) {
        accept_ready(now);
      } else if (ev.data.u64 == kWakeTag) {
        std::uint64_t count = 0;
        [[maybe_unused]] const ssize_t r = ::read(wake_.get(), &count, sizeof count);
      } else {
        handle_event(ev.data.u64, ev.events, now);
      }
    }
    run_timers(now);
  }
  // Stop drops whatever is still open: tests and the CLI want stop() to be prompt, not graceful.
  context_.counters.connections_open.fetch_sub(slots_.size(), std::memory_order_relaxed);
  slots_.clear();
}

void IoWorker::accept_ready(Clock::time_point now) {
  for (int i = 0; i < kMaxAcceptsPerWakeup; ++i) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    const int raw_fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (raw_fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) {
        continue;
      }
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        pause_listener(now);
      }
      return;  // EAGAIN: another worker took it, or the backlog is empty
    }
    UniqueFd fd(raw_fd);
    auto& counters = context_.counters;
    counters.connections_accepted.fetch_add(1, std::memory_order_relaxed);
    if (counters.connections_open.fetch_add(1, std::memory_order_relaxed) >=
        context_.options.max_connections) {
      counters.connections_open.fetch_sub(1, std::memory_order_relaxed);
      counters.connections_rejected.fetch_add(1, std::memory_order_relaxed);
      continue;  // closed by UniqueFd
    }
    const int one = 1;
    // Responses go out in one send(); Nagle would only delay the next pipelined answer.
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const std::uint64_t id = next_id_++;
    Slot slot;
    slot.connection =
        std::make_unique<Connection>(std::move(fd), describe_peer(addr), context_, now);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = id;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, slot.connection->fd(), &ev) != 0) {
      counters.connections_open.fetch_sub(1, std::memory_order_relaxed);
      continue;
    }
    slot.events = EPOLLIN;
    auto [it, inserted] = slots_.emplace(id, std::move(slot));
    settle(id, it->second);
  }
}

void IoWorker::handle_event(std::uint64_t id, std::uint32_t events, Clock::time_point now) {
  const auto it = slots_.find(id);
  if (it == slots_.end()) {
    return;
  }
  Connection& c = *it->second.connection;
  // HUP means both directions are shut (a reset, or the peer's FIN after our own shutdown): nothing
  // can be sent any more. Level-triggered HUP cannot be masked, so waiting would spin.
  if ((events & (EPOLLERR | EPOLLHUP)) != 0) {
    c.abort();
  } else {
    if ((events & EPOLLOUT) != 0) {
      c.on_writable(now);
    }
    if ((events & EPOLLIN) != 0 && !c.finished()) {
      c.on_readable(now);
    }
  }
  settle(id, it->second);
}

void IoWorker::settle(std::uint64_t id, Slot& slot) {
  Connection& c = *slot.connection;
  if (c.finished()) {
    // The fd is already closed, which removed it from the epoll set.
    slots_.erase(id);
    context_.counters.connections_open.fetch_sub(1, std::memory_order_relaxed);
    compact_timers();
    return;
  }
  const std::uint32_t wanted = (c.wants_read() ? EPOLLIN : 0U) | (c.wants_write() ? EPOLLOUT : 0U);
  if (wanted != slot.events) {
    epoll_event ev{};
    ev.events = wanted;
    ev.data.u64 = id;
    ::epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, c.fd(), &ev);
    slot.events = wanted;
  }
  // Only an earlier deadline needs a new heap entry; a later one is picked up when the earlier
  // entry fires, which keeps the heap at about one entry per connection.
  const Clock::time_point d = c.deadline();
  if (d < slot.scheduled) {
    timers_.emplace(d, id);
    slot.scheduled = d;
  }
}

void IoWorker::compact_timers() {
  // Entries of closed connections would otherwise linger until their deadline (up to the idle
  // timeout), so a burst of short connections would hold memory long after they are gone.
  if (timers_.size() < kMinTimersToCompact || timers_.size() < 2 * slots_.size()) {
    return;
  }
  std::vector<TimerEntry> live;
  live.reserve(slots_.size());
  for (const auto& [id, slot] : slots_) {
    if (slot.scheduled != Clock::time_point::max()) {
      live.emplace_back(slot.scheduled, id);
    }
  }
  timers_ = decltype(timers_)(std::greater<>(), std::move(live));
}

void IoWorker::run_timers(Clock::time_point now) {
  if (listener_paused_until_ && *listener_paused_until_ <= now) {
    listener_paused_until_.reset();
    watch_listener();
  }
  while (!timers_.empty() && timers_.top().first <= now) {
    const auto [when, id] = timers_.top();
    timers_.pop();
    const auto it = slots_.find(id);
    if (it == slots_.end() || it->second.scheduled != when) {
      continue;  // stale: the connection is gone or has an earlier entry of its own
    }
    it->second.scheduled = Clock::time_point::max();
    it->second.connection->on_timer(now);
    settle(id, it->second);
  }
}

int IoWorker::wait_timeout_ms(Clock::time_point now) const {
  std::optional<Clock::time_point> next;
  if (!timers_.empty()) {
    next = timers_.top().first;
  }
  if (listener_paused_until_ && (!next || *listener_paused_until_ < *next)) {
    next = listener_paused_until_;
  }
  if (!next) {
    return -1;
  }
  if (*next <= now) {
    return 0;
  }
  // Rounded up, so a deadline 0.3 ms away does not turn into a busy loop of zero-timeout waits.
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(*next - now).count();
  return static_cast<int>(std::min<decltype(ms)>(ms, 60'000));
}

}  // namespace conform::mock::http
