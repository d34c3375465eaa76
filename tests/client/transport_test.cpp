#include "client/transport.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "client/request_builder.h"
#include "tests/client/test_server.h"

namespace conform::client {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

Request plain_get(const test::TestServer& server, std::string_view path_query = "/") {
  Request r;
  r.method = "GET";
  r.scheme = "http";
  r.host = "127.0.0.1:" + std::to_string(server.port());
  r.pathname = std::string(path_query);
  return r;
}

TEST(transport, reuses_one_connection_across_sequential_requests) {
  test::TestServer server(test::TestServer::http(
      [](const test::Received&) { return test::TestServer::response(200, "{}"); }));
  Transport t;
  for (int i = 0; i < 5; ++i) {
    const auto x = t.send(plain_get(server));
    ASSERT_EQ(x.status, 200);
    ASSERT_FALSE(x.error.has_value());
  }
  EXPECT_EQ(server.connections(), 1);
  EXPECT_EQ(t.connections_opened(), 1);
}

// A session sends batch after batch through one transport: the connections a batch opened must
// still be there for the next one, even though the batch ends with fewer transfers in flight
// than connections open (libcurl's default cache keeps four idle connections per such transfer).
TEST(transport, keeps_every_connection_of_a_batch_for_the_next_one) {
  test::TestServer server(test::TestServer::http([](const test::Received&) {
    std::this_thread::sleep_for(20ms);  // long enough for the whole batch to be in flight at once
    return test::TestServer::response(200, "{}");
  }));
  TransportOptions o;
  o.max_in_flight = 16;
  Transport t(o);
  const std::vector<RequestSource> batch(16, [&](int) { return plain_get(server); });
  for (int round = 0; round < 3; ++round) {
    for (const auto& x : t.send_all(batch))
      ASSERT_EQ(x.status, 200);
  }
  EXPECT_EQ(t.connections_opened(), 16);
  EXPECT_EQ(server.connections(), 16);
}

TEST(transport, records_status_headers_body_and_timings) {
  test::TestServer server(test::TestServer::http([](const test::Received& r) {
    return test::TestServer::response(404, "{\"Code\":\"X\",\"Echo\":\"" + r.method + "\"}",
                                      "x-acs-request-id: abc\r\n");
  }));
  Transport t;
  Request r = plain_get(server);
  r.method = "POST";
  r.body = "a=1";
  r.headers = {{"content-type", "application/x-www-form-urlencoded"}};
  const auto x = t.send(r);
  EXPECT_EQ(x.status, 404);
  EXPECT_EQ(x.method, "POST");
  EXPECT_EQ(x.request_body, "a=1");
  EXPECT_EQ(x.response_body, "{\"Code\":\"X\",\"Echo\":\"POST\"}");
  EXPECT_NE(std::find(x.response_headers.begin(), x.response_headers.end(),
                      http::HeaderField{"x-acs-request-id", "abc"}),
            x.response_headers.end());
  EXPECT_GT(x.timings.total.count(), 0);
  EXPECT_LE(x.timings.first_byte, x.timings.total);
  EXPECT_TRUE(x.retries.empty());
}

// Handles are reused without a reset, so each request must set its own method, body and headers
// whatever the previous request on that handle left.
TEST(transport, a_reused_handle_sends_each_request_as_built) {
  test::TestServer server(test::TestServer::http([](const test::Received& r) {
    return test::TestServer::response(
        200, r.method + " " + r.target + " [" + r.body + "] " + r.header("content-type"));
  }));
  Transport t;
  Request post = plain_get(server, "/p");
  post.method = "POST";
  post.body = "a=1";
  post.headers = {{"content-type", "application/x-www-form-urlencoded"}};
  Request put = post;
  put.method = "PUT";
  put.body = "b=2";
  put.headers = {};
  EXPECT_EQ(t.send(post).response_body, "POST /p [a=1] application/x-www-form-urlencoded");
  EXPECT_EQ(t.send(plain_get(server, "/g")).response_body, "GET /g [] ");
  EXPECT_EQ(t.send(put).response_body, "PUT /p [b=2] ");
  EXPECT_EQ(t.send(plain_get(server, "/g2")).response_body, "GET /g2 [] ");
  EXPECT_EQ(t.send(post).response_body, "POST /p [a=1] application/x-www-form-urlencoded");
  EXPECT_EQ(t.connections_opened(), 1);
}

// The request line is written from a request target rather than from the URL (see configure in
// transport.cpp): it must still carry the path and the query exactly as built.
TEST(transport, the_request_line_carries_the_path_and_the_query_as_built) {
  test::TestServer server(test::TestServer::http(
      [](const test::Received& r) { return test::TestServer::response(200, r.target); }));
  Transport t;
  Request r = plain_get(server, "/");
  r.query = {{"Action", "Describe"}, {"Name", "a b/c*~"}, {"Empty", ""}};
  const auto x = t.send(r);
  EXPECT_EQ(x.response_body, "/?Action=Describe&Name=a%20b%2Fc%2A~&Empty=");
  EXPECT_EQ(x.url, "http://127.0.0.1:" + std::to_string(server.port()) +
                       "/?Action=Describe&Name=a%20b%2Fc%2A~&Empty=");
  Request bare = plain_get(server, "");
  bare.query = {{"a", "1"}};
  EXPECT_EQ(t.send(bare).response_body, "/?a=1");
  EXPECT_EQ(t.send(plain_get(server, "/v2/x")).response_body, "/v2/x");
  EXPECT_EQ(t.connections_opened(), 1);
}

// Through a proxy that is not tunnelled the request line needs the absolute URL: the transport
// then hands libcurl the whole URL, query included.
TEST(transport, through_a_proxy_the_request_line_is_the_whole_url) {
  test::TestServer proxy(test::TestServer::http(
      [](const test::Received& r) { return test::TestServer::response(200, r.target); }));
  ASSERT_EQ(::setenv("http_proxy", proxy.url().c_str(), 1), 0);
  Transport t;
  Request r;
  r.method = "GET";
  r.scheme = "http";
  r.host = "conform-proxied.invalid:8080";
  r.pathname = "/p";
  r.query = {{"q", "1 2"}};
  const auto x = t.send(r);
  ::unsetenv("http_proxy");
  EXPECT_EQ(x.response_body, "http://conform-proxied.invalid:8080/p?q=1%202");
}

TEST(transport, send_all_keeps_the_configured_number_in_flight) {
  std::atomic<int> now_in{0};
  std::atomic<int> peak{0};
  test::TestServer server(test::TestServer::http([&](const test::Received&) {
    const int n = ++now_in;
    int p = peak.load();
    while (n > p && !peak.compare_exchange_weak(p, n)) {
    }
    std::this_thread::sleep_for(150ms);
    --now_in;
    return test::TestServer::response(200, "{}");
  }));
  TransportOptions o;
  o.max_in_flight = 3;
  Transport t(o);
  std::vector<RequestSource> sources;
  for (int i = 0; i < 6; ++i) {
    sources.push_back([&, i](int) { return plain_get(server, "/?i=" + std::to_string(i)); });
  }
  const auto start = Clock::now();
  const auto results = t.send_all(sources);
  const auto elapsed = Clock::now() - start;
  ASSERT_EQ(results.size(), 6u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].status, 200);
    EXPECT_NE(results[i].url.find("i=" + std::to_string(i)), std::string::npos);  // input order
  }
  EXPECT_EQ(peak.load(), 3);
  EXPECT_LT(elapsed, 800ms);  // serial would be 900 ms
}

TEST(transport, rate_limit_paces_requests) {
  test::TestServer server(test::TestServer::http(
      [](const test::Received&) { return test::TestServer::response(200, "{}"); }));
  TransportOptions o;
  o.requests_per_second = 20;
  o.burst = 1;
  o.max_in_flight = 4;
  Transport t(o);
  std::vector<RequestSource> sources(5, [&](int) { return plain_get(server); });
  const auto start = Clock::now();
  t.send_all(sources);
  // 1 immediate + 4 more at 50 ms each.
  EXPECT_GE(Clock::now() - start, 190ms);
}

TEST(transport, retries_throttling_honouring_retry_after_and_rebuilds_each_attempt) {
  std::atomic<int> calls{0};
  test::TestServer server(test::TestServer::http([&](const test::Received&) {
    if (++calls == 1) {
      return test::TestServer::response(400, R"({"Code":"Throttling.User","Message":"m"})",
                                        "x-acs-retry-after: 0.3\r\n");
    }
    return test::TestServer::response(200, "{}");
  }));
  TransportOptions o;
  o.retry.base_delay = 1ms;
  Transport t(o);
  std::vector<int> attempts;
  const auto start = Clock::now();
  const auto x = t.send(RequestSource([&](int attempt) {
    attempts.push_back(attempt);
    return plain_get(server);
  }));
  EXPECT_GE(Clock::now() - start, 300ms);
  EXPECT_EQ(x.status, 200);
  ASSERT_EQ(x.retries.size(), 1u);
  EXPECT_EQ(x.retries[0].attempt, 1);
  EXPECT_EQ(x.retries[0].status, 400);
  EXPECT_NE(x.retries[0].reason.find("Throttling.User"), std::string::npos);
  EXPECT_EQ(x.retries[0].delay, 300ms);
  EXPECT_EQ(attempts, (std::vector<int>{0, 1}));
}

TEST(transport, retries_are_bounded_in_count) {
  std::atomic<int> calls{0};
  test::TestServer server(test::TestServer::http([&](const test::Received&) {
    ++calls;
    return test::TestServer::response(503, R"({"Code":"ServiceUnavailable"})");
  }));
  TransportOptions o;
  o.retry.max_retries = 2;
  o.retry.base_delay = 5ms;
  Transport t(o);
  const auto x = t.send(plain_get(server));
  EXPECT_EQ(x.status, 503);
  EXPECT_EQ(x.retries.size(), 2u);
  EXPECT_EQ(calls.load(), 3);
}

TEST(transport, retries_are_bounded_in_total_time) {
  test::TestServer server(test::TestServer::http([&](const test::Received&) {
    return test::TestServer::response(400, R"({"Code":"Throttling"})", "x-acs-retry-after: 10\r\n");
  }));
  TransportOptions o;
  o.retry.max_total = 1000ms;
  Transport t(o);
  const auto start = Clock::now();
  const auto x = t.send(plain_get(server));
  EXPECT_LT(Clock::now() - start, 500ms);
  EXPECT_TRUE(x.retries.empty());
  EXPECT_EQ(x.status, 400);
}

TEST(transport, does_not_retry_other_errors) {
  std::atomic<int> calls{0};
  test::TestServer server(test::TestServer::http([&](const test::Received&) {
    ++calls;
    return test::TestServer::response(400, R"({"Code":"SignatureDoesNotMatch"})");
  }));
  Transport t;
  EXPECT_TRUE(t.send(plain_get(server)).retries.empty());
  EXPECT_EQ(calls.load(), 1);
}

}  // namespace
}  // namespace conform::client
