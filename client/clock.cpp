#include "client/clock.h"

#include <pthread.h>
#include <sys/random.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <ctime>
#include <stdexcept>

namespace conform::client {

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf, n);
}

namespace {

std::atomic<unsigned> g_forks{0};

// The kernel's generator directly: OpenSSL 3's RAND_bytes took ~10 us per call here (its DRBG
// lookup and locking), more than signing the request the nonce goes into. Its bytes are drawn a
// pool at a time, since one system call per nonce was still a measurable share of a request. A
// pool is per thread, and a forked child draws a new one, so no two threads or processes hand
// out the same bytes.
void random_bytes(unsigned char* out, std::size_t n) {
  static const int registered =
      pthread_atfork(nullptr, nullptr, [] { g_forks.fetch_add(1, std::memory_order_relaxed); });
  (void)registered;
  // 256 bytes: the most getrandom hands out whole even when a signal arrives.
  thread_local std::array<unsigned char, 256> pool{};
  thread_local std::size_t used = pool.size();
  thread_local unsigned drawn_at_fork = 0;
  const unsigned forks = g_forks.load(std::memory_order_relaxed);
  if (used + n > pool.size() || drawn_at_fork != forks) {
    if (::getrandom(pool.data(), pool.size(), 0) != static_cast<ssize_t>(pool.size())) {
      throw std::runtime_error("getrandom failed");
    }
    used = 0;
    drawn_at_fork = forks;
  }
  std::copy_n(pool.begin() + static_cast<std::ptrdiff_t>(used), n, out);
  // Handed out once: a later copy of this memory must not repeat a nonce.
  std::fill_n(pool.begin() + static_cast<std::ptrdiff_t>(used), n, 0);
  used += n;
}

}  // namespace

std::string random_uuid() {
  std::array<unsigned char, 16> b{};
  random_bytes(b.data(), b.size());
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  // By hand: snprintf with sixteen %02x took ~6k instructions, a tenth of signing a request.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(36, '-');
  std::size_t at = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      ++at;  // the dash already there
    out[at++] = kHex[b[i] >> 4];
    out[at++] = kHex[b[i] & 0x0F];
  }
  return out;
}

}  // namespace conform::client
