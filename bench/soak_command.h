#pragma once

#include <cstdint>
#include <string>

namespace conform::bench {

/// What `conform_bench --soak` was asked for.
struct SoakCommand {
  std::string spec;  // the operation spec for the mock and the requests
  std::uint64_t requests = 1'000'000;
  int connections = 64;
  long rss_growth_kib = 16 * 1024;
  std::size_t max_nonces = 0;  // the mock's nonce memory
};

/// Starts an embedded mock, runs the soak against it with progress and a summary on stdout;
/// 0 when every check held, 1 when one failed.
int run_soak(const SoakCommand& command);

}  // namespace conform::bench
