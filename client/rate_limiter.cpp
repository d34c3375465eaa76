#include "client/rate_limiter.h"

#include <algorithm>
#include <stdexcept>

namespace conform::client {

TokenBucket::TokenBucket(double rate_per_second, double burst, Clock::time_point now)
    : rate_(rate_per_second),
      burst_(std::max(1.0, burst)),
      tokens_(std::max(1.0, burst)),
      last_(now) {
  if (!(rate_per_second > 0)) {
    throw std::invalid_argument("token bucket rate must be positive");
  }
}

void TokenBucket::refill(Clock::time_point now) {
  if (now > last_) {
    const double elapsed = std::chrono::duration<double>(now - last_).count();
    tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
    last_ = now;
  }
}

bool TokenBucket::try_acquire(Clock::time_point now) {
  refill(now);
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return true;
  }
  return false;
}

TokenBucket::Clock::duration TokenBucket::wait_time(Clock::time_point now) {
  refill(now);
  if (tokens_ >= 1.0) {
    return Clock::duration::zero();
  }
  return std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>((1.0 - tokens_) / rate_));
}

}  // namespace conform::client
