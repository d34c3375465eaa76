#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "client/request.h"

namespace conform::bench {

/// What one timed run measured. Per-request latency is libcurl's CURLINFO_TOTAL_TIME, taken the
/// same way for client and bare runs; it starts when the multi loop first drives the transfer,
/// so with several in flight it leaves out the wait for the loop. The caller-side mean is
/// in_flight / rate (Little's law).
struct Measurement {
  std::string figure;
  std::string load_generator;
  int in_flight = 0;
  std::uint64_t requests = 0;
  std::uint64_t transport_errors = 0;
  std::map<int, std::uint64_t> statuses;
  double seconds = 0;
  long connections = 0;
  std::vector<double> latencies_ms;

  double requests_per_second() const { return seconds > 0 ? double(requests) / seconds : 0; }
  double caller_mean_latency_ms() const {
    const double rate = requests_per_second();
    return rate > 0 ? 1000.0 * in_flight / rate : 0;
  }
  /// Folds in another run of the same figure (counts, time, latencies; the labels are kept).
  void add(const Measurement& other);
  /// p in [0, 100]; 0 when nothing was measured.
  double latency_percentile(double p) const;
};

/// A libcurl multi loop with `in_flight` easy handles, each re-added as soon as it completes, so
/// connections stay alive and nothing but libcurl runs between requests: the ceiling any libcurl
/// client can reach against that server. POSTs `url` with an empty body, as the client's
/// query-placed requests do.
Measurement bare_libcurl(const std::string& url, int in_flight, std::chrono::milliseconds duration);

/// The conform client: Transport::send_all with `in_flight` in flight, each request produced by
/// `make` at send time (so signing is part of the cost). send_all takes a batch, so the run is a
/// sequence of large batches; the drain at each batch end is a few requests in thousands.
Measurement conform_client(const std::function<client::Request()>& make, int in_flight,
                           std::chrono::milliseconds duration);

}  // namespace conform::bench
