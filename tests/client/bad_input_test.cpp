#include <gtest/gtest.h>

#include <chrono>

#include "client/transport.h"
#include "tests/client/test_server.h"

// Misbehaving servers: each must end as a record with a clear transport error, quickly.
namespace conform::client {
namespace {

using namespace std::chrono_literals;
using K = http::TransportErrorKind;

Request get_to(int port, std::string scheme = "http") {
  Request r;
  r.method = "GET";
  r.scheme = std::move(scheme);
  r.host = "127.0.0.1:" + std::to_string(port);
  return r;
}

TransportOptions fast() {
  TransportOptions o;
  o.connect_timeout = 500ms;
  o.total_timeout = 400ms;
  o.retry.max_retries = 0;
  return o;
}

TEST(bad_input, refused_connection) {
  TransportOptions o = fast();
  o.retry.max_retries = 2;
  o.retry.base_delay = 5ms;
  Transport t(o);
  const auto x = t.send(get_to(test::closed_port()));
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kConnectFailed);
  EXPECT_EQ(x.status, 0);
  // Connection failures are retried, and each retry is recorded.
  ASSERT_EQ(x.retries.size(), 2u);
  EXPECT_NE(x.retries[0].reason.find("connect_failed"), std::string::npos);
}

TEST(bad_input, server_accepts_and_stalls) {
  test::TestServer server([](test::Connection& c) { c.stall(); });
  Transport t(fast());
  const auto start = std::chrono::steady_clock::now();
  const auto x = t.send(get_to(server.port()));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kTimeout);
  EXPECT_TRUE(x.retries.empty());  // the server may have acted on it: not retried
}

TEST(bad_input, body_cut_short) {
  test::TestServer server([](test::Connection& c) {
    c.read_request();
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":");
  });
  Transport t(fast());
  const auto x = t.send(get_to(server.port()));
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kBodyIncomplete);
  EXPECT_EQ(x.status, 200);
  EXPECT_EQ(x.response_body, "{\"partial\":");
}

TEST(bad_input, body_beyond_the_cap_is_truncated_and_marked) {
  test::TestServer server(test::TestServer::http([](const test::Received&) {
    return test::TestServer::response(200, std::string(1 << 20, 'x'));
  }));
  TransportOptions o = fast();
  o.max_response_bytes = 1000;
  Transport t(o);
  const auto x = t.send(get_to(server.port()));
  EXPECT_TRUE(x.response_truncated);
  EXPECT_EQ(x.response_body.size(), 1000u);
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kBodyTooLarge);
  EXPECT_NE(x.error->message.find("1000"), std::string::npos);
}

TEST(bad_input, default_cap_is_8_mib) {
  EXPECT_EQ(TransportOptions{}.max_response_bytes, 8u << 20);
}

TEST(bad_input, invalid_status_line) {
  test::TestServer server([](test::Connection& c) {
    c.read_request();
    c.write("SMTP ready\r\n\r\n");
  });
  Transport t(fast());
  const auto x = t.send(get_to(server.port()));
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kProtocol);
}

TEST(bad_input, empty_reply_is_no_response) {
  test::TestServer server([](test::Connection& c) { c.read_request(); });
  Transport t(fast());
  const auto x = t.send(get_to(server.port()));
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kNoResponse);
}

TEST(bad_input, reset_after_the_head_is_a_connection_reset) {
  test::TestServer server([](test::Connection& c) {
    c.read_request();
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":");
    std::this_thread::sleep_for(50ms);
    c.reset();
  });
  Transport t(fast());
  const auto x = t.send(get_to(server.port()));
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kConnectionReset) << x.error->message;
  EXPECT_NE(x.error->message.find("connection reset"), std::string::npos);
}

TEST(bad_input, stop_reason_abandons_a_stalled_request_at_once) {
  test::TestServer server([](test::Connection& c) { c.stall(); });
  TransportOptions o = fast();
  o.total_timeout = 10s;
  const auto start = std::chrono::steady_clock::now();
  o.stop_reason = [start] {
    return std::chrono::steady_clock::now() - start > 200ms ? std::string("SIGINT") : "";
  };
  Transport t(o);
  const auto x = t.send(get_to(server.port()));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kNotSent);
  EXPECT_NE(x.error->message.find("SIGINT"), std::string::npos);
}

TEST(bad_input, tls_to_a_plain_http_server) {
  test::TestServer server([](test::Connection& c) {
    c.read_some(1000);  // the ClientHello
    c.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
  });
  Transport t(fast());
  const auto x = t.send(get_to(server.port(), "https"));
  ASSERT_TRUE(x.error.has_value());
  EXPECT_EQ(x.error->kind, K::kTls);
  EXPECT_FALSE(x.error->message.empty());
}

}  // namespace
}  // namespace conform::client
