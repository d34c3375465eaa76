#pragma once

#include <string>
#include <vector>

#include "bench/soak/soak.h"
#include "mock/embedded_mock.h"

// What the soak checks once every answer is in. The mock is asked in-process (bench/ composes
// the mock and the client): after a race, only its records can tell one order per token from two.
namespace conform::bench::soak {

/// Every request answered, none wrong, no 5xx; each racing token answered with one order ID and
/// the mock holding exactly one order for it; the mock's state within its limits.
/// `token_ids[i]`: the order ID token i was answered with, "" when it never got a success.
void check_final_state(mock::EmbeddedMock& mock, const std::vector<std::string>& tokens,
                       const std::vector<std::string>& token_ids, Report& report);

/// Sets the RSS figures from the samples and fails when RSS grew by more than `max_growth_kib`
/// from the end of the warm-up to its peak after it.
void check_rss(const Options& options, long max_growth_kib, Report& report);

}  // namespace conform::bench::soak
