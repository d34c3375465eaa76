#pragma once

#include <chrono>

namespace conform::client {

/// Token bucket: `rate` tokens per second, at most `burst` saved up. Real endpoints throttle per
/// account (300 calls / 60 s for this API family), so runs against them must pace themselves.
/// Time is passed in so tests need not sleep.
class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  TokenBucket(double rate_per_second, double burst, Clock::time_point now = Clock::now());

  /// Takes a token if one is available at `now`.
  bool try_acquire(Clock::time_point now);

  /// How long from `now` until a token will be available (zero if one is).
  Clock::duration wait_time(Clock::time_point now);

 private:
  void refill(Clock::time_point now);

  double rate_;
  double burst_;
  double tokens_;
  Clock::time_point last_;
};

}  // namespace conform::client
