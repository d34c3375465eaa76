#pragma once

#include <chrono>
#include <string>

namespace conform::client {

/// yyyy-MM-ddTHH:mm:ssZ in UTC, no fractional seconds (fractions get InvalidTimeStamp.Format).
std::string utc_timestamp(std::chrono::system_clock::time_point when);

/// Random (version 4) UUID from the kernel's CSPRNG (getrandom), lowercase: nonces must not be
/// guessable or repeat across processes.
std::string random_uuid();

}  // namespace conform::client
