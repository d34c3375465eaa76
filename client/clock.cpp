#include "client/clock.h"

#include <sys/random.h>

#include <array>
#include <cstdio>
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

std::string random_uuid() {
  std::array<unsigned char, 16> b{};
  // The kernel's generator directly: OpenSSL 3's RAND_bytes took ~10 us per call here (its DRBG
  // lookup and locking), more than signing the request the nonce goes into.
  if (::getrandom(b.data(), b.size(), 0) != static_cast<ssize_t>(b.size())) {
    throw std::runtime_error("getrandom failed");
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  char buf[37];
  std::snprintf(buf, sizeof buf,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return std::string(buf, 36);
}

}  // namespace conform::client
