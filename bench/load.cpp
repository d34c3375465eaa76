#include "bench/load.h"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "client/transport.h"

namespace conform::bench {
namespace {

using Clock = std::chrono::steady_clock;

size_t discard(char*, size_t size, size_t count, void*) {
  return size * count;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

void Measurement::add(const Measurement& other) {
  if (load_generator.empty()) {
    load_generator = other.load_generator;
    in_flight = other.in_flight;
  }
  requests += other.requests;
  transport_errors += other.transport_errors;
  for (const auto& [status, n] : other.statuses) {
    statuses[status] += n;
  }
  seconds += other.seconds;
  connections += other.connections;
  latencies_ms.insert(latencies_ms.end(), other.latencies_ms.begin(), other.latencies_ms.end());
}

double Measurement::latency_percentile(double p) const {
  if (latencies_ms.empty()) {
    return 0;
  }
  std::vector<double> sorted = latencies_ms;
  std::sort(sorted.begin(), sorted.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * double(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

Measurement bare_libcurl(const std::string& url, int in_flight,
                         std::chrono::milliseconds duration) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  Measurement m;
  m.load_generator = "bare libcurl multi";
  m.in_flight = in_flight;
  CURLM* multi = curl_multi_init();
  std::vector<CURL*> handles;
  for (int i = 0; i < in_flight; ++i) {
    CURL* e = curl_easy_init();
    if (multi == nullptr || e == nullptr) {
      throw std::runtime_error("libcurl init failed");
    }
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, "");
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(0));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard);
    handles.push_back(e);
  }
  // Warm-up: open every connection before the clock starts, as the client's warm-up batch does.
  const auto run = [&](Clock::time_point until, bool record) {
    for (CURL* e : handles) {
      curl_multi_add_handle(multi, e);
    }
    int running = static_cast<int>(handles.size());
    while (running > 0) {
      int still = 0;
      curl_multi_perform(multi, &still);
      int queued = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
        if (msg->msg != CURLMSG_DONE) {
          continue;
        }
        CURL* e = msg->easy_handle;
        const CURLcode code = msg->data.result;
        curl_multi_remove_handle(multi, e);
        if (record) {
          ++m.requests;
          if (code != CURLE_OK) {
            ++m.transport_errors;
          } else {
            long status = 0;
            curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
            ++m.statuses[static_cast<int>(status)];
            curl_off_t total = 0;
            curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &total);
            m.latencies_ms.push_back(double(total) / 1000.0);
            long connects = 0;
            curl_easy_getinfo(e, CURLINFO_NUM_CONNECTS, &connects);
            m.connections += connects;
          }
        }
        if (Clock::now() < until) {
          curl_multi_add_handle(multi, e);
        } else {
          --running;
        }
      }
      if (running > 0) {
        curl_multi_poll(multi, nullptr, 0, 100, nullptr);
      }
    }
  };
  run(Clock::now() + std::chrono::milliseconds(200), false);
  const auto start = Clock::now();
  run(start + duration, true);
  m.seconds = seconds_since(start);
  for (CURL* e : handles) {
    curl_easy_cleanup(e);
  }
  curl_multi_cleanup(multi);
  return m;
}

Measurement conform_client(const std::function<client::Request()>& make, int in_flight,
                           std::chrono::milliseconds duration) {
  Measurement m;
  m.load_generator = "conform Transport::send_all";
  m.in_flight = in_flight;
  client::TransportOptions o;
  o.max_in_flight = in_flight;
  o.retry.max_retries = 0;  // measure each request once; the servers here never throttle
  client::Transport transport(o);
  const auto batch_of = [&](std::size_t n) {
    return std::vector<client::RequestSource>(n, [&make](int) { return make(); });
  };
  // Warm-up: opens the connections and fills the pools before the clock starts.
  transport.send_all(batch_of(static_cast<std::size_t>(in_flight) * 4));
  const long warm_connections = transport.connections_opened();
  const auto batch = batch_of(std::max<std::size_t>(512, static_cast<std::size_t>(in_flight) * 64));
  const auto start = Clock::now();
  while (Clock::now() - start < duration) {
    for (const auto& x : transport.send_all(batch)) {
      ++m.requests;
      if (x.error) {
        ++m.transport_errors;
        continue;
      }
      ++m.statuses[x.status];
      m.latencies_ms.push_back(double(x.timings.total.count()) / 1000.0);
    }
  }
  m.seconds = seconds_since(start);
  m.connections = transport.connections_opened() - warm_connections;
  return m;
}

}  // namespace conform::bench
