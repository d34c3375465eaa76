#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/http/exchange.h"

namespace conform::client {

struct RetryPolicy {
  int max_retries = 3;  // retries after the first attempt; 0 disables
  std::chrono::milliseconds base_delay{200};
  std::chrono::milliseconds max_delay{5000};
  std::chrono::milliseconds max_total{20000};  // from the first attempt; no retry would end later
};

/// Why this result should be retried, or nullopt. Retried: any 5xx answer, error Code starting
/// with "Throttling", Code "ServiceUnavailable", and failures to connect. Not retried: anything
/// after the request may have reached the server (timeouts, cut bodies), because the operation
/// creates orders.
std::optional<std::string> retry_reason(const http::Exchange& exchange);

/// Error Code from a JSON ({"Code":..}) or XML (<Code>..</Code>) error body; nullopt if none.
std::optional<std::string> error_code(std::string_view body);

/// x-acs-retry-after, read as seconds (decimals allowed). The unit is not documented; seconds is
/// what the SDK's ThrottlingError.retryAfter suggests. nullopt when absent or unparsable.
std::optional<std::chrono::milliseconds> retry_after(const http::HeaderFields& headers);

/// Exponential back-off with equal jitter: d = min(max, base * 2^(retry-1)), result in [d/2, d].
/// `unit_random` in [0,1) is passed in so the schedule is testable. A server-given retry-after
/// wins when it is longer.
std::chrono::milliseconds backoff_delay(int retry_number, const RetryPolicy& policy,
                                        double unit_random,
                                        std::optional<std::chrono::milliseconds> server_hint);

}  // namespace conform::client
