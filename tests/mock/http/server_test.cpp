#include "mock/http/server.h"

#include <gtest/gtest.h>

#include <string>
#include <system_error>

#include "tests/mock/http/example_handler.h"
#include "tests/mock/http/raw_client.h"

namespace conform::mock::http {
namespace {

using testing::echo_handler;
using testing::RawClient;

constexpr const char* kGet = "GET /a?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.io_threads = 2;
    server_ = std::make_unique<Server>(o);
    server_->start(echo_handler);
  }
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, url_and_port) {
  EXPECT_NE(server_->port(), 0);
  EXPECT_EQ(server_->url(), std::string("http://127.0.0.1:") + std::to_string(server_->port()));
}

TEST_F(ServerTest, keep_alive_reuses_one_connection) {
  RawClient c(server_->port());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(c.send(kGet));
    const auto r = c.read_response();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->header("X-Query"), "x=1");
    EXPECT_EQ(r->header("Connection"), "");
  }
  EXPECT_EQ(server_->stats().connections_accepted, 1U);
  EXPECT_EQ(server_->stats().requests_served, 5U);
}

TEST_F(ServerTest, request_fields_reach_the_handler) {
  RawClient c(server_->port());
  ASSERT_TRUE(
      c.send("PUT /p%20q?A=a%2Bb&B=* HTTP/1.1\r\nHost: h\r\ncontent-TYPE: text/x\r\n"
             "Content-Length: 4\r\n\r\nbody"));
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("X-Method"), "PUT");
  EXPECT_EQ(r->header("X-Path"), "/p%20q");
  EXPECT_EQ(r->header("X-Query"), "A=a%2Bb&B=*");
  EXPECT_EQ(r->header("X-Peer"), "127.0.0.1 loopback");
  EXPECT_EQ(r->header("X-Content-Type"), "text/x");
  EXPECT_EQ(r->body, "body");
}

TEST_F(ServerTest, pipelined_requests_are_answered_in_order) {
  RawClient c(server_->port());
  std::string wire;
  for (int i = 0; i < 20; ++i) {
    wire += std::string("POST /") + std::to_string(i) +
            " HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n" + std::to_string(i % 10);
  }
  ASSERT_TRUE(c.send(wire));
  for (int i = 0; i < 20; ++i) {
    const auto r = c.read_response();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->header("X-Path"), std::string("/") + std::to_string(i));
    EXPECT_EQ(r->body, std::to_string(i % 10));
  }
}

TEST_F(ServerTest, chunked_body_with_trailers) {
  RawClient c(server_->port());
  ASSERT_TRUE(
      c.send("POST /?Action=A HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
             "Content-Type: application/x-www-form-urlencoded\r\n\r\n"));
  ASSERT_TRUE(c.send("4\r\nB=2&\r\n"));
  ASSERT_TRUE(c.send("3\r\nC=3\r\n0\r\nX-Check: ok\r\n\r\n"));
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "B=2&C=3");
  EXPECT_EQ(r->header("X-Query"), "Action=A");
  EXPECT_EQ(r->header("X-Trailers"), "X-Check=ok;");
  ASSERT_TRUE(c.send(kGet));  // still usable
  EXPECT_TRUE(c.read_response());
}

TEST_F(ServerTest, form_body_post_like_pop_core) {
  RawClient c(server_->port());
  const std::string body = "Action=CreatePhysicalConnectionOccupancyOrder&Signature=abc%2B%3D";
  ASSERT_TRUE(
      c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded"
             "\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body));
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("X-Path"), "/");
  EXPECT_EQ(r->header("X-Query"), "");
  EXPECT_EQ(r->body, body);
}

TEST_F(ServerTest, expect_100_continue_is_answered) {
  RawClient c(server_->port());
  ASSERT_TRUE(
      c.send("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"));
  const auto interim = c.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c.send("abc"));
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "abc");
}

TEST_F(ServerTest, head_has_no_body) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send("HEAD /h HTTP/1.1\r\nHost: h\r\n\r\n" + std::string(kGet)));
  const auto head = c.read_response(true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->header("Content-Length"), "0");
  const auto next = c.read_response();  // proves no stray body bytes came between
  ASSERT_TRUE(next);
  EXPECT_EQ(next->header("X-Path"), "/a");
}

TEST_F(ServerTest, absolute_form_target) {
  RawClient c(server_->port());
  ASSERT_TRUE(
      c.send("GET http://vpc.aliyuncs.com/?Action=X HTTP/1.1\r\nHost: vpc.aliyuncs.com\r\n\r\n"));
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("X-Path"), "/");
  EXPECT_EQ(r->header("X-Query"), "Action=X");
}

TEST_F(ServerTest, connection_close_is_honoured) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"));
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("Connection"), "close");
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(ServerTest, http10_closes_unless_keep_alive) {
  RawClient plain(server_->port());
  ASSERT_TRUE(plain.send("GET / HTTP/1.0\r\n\r\n"));
  const auto r = plain.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("Connection"), "close");
  EXPECT_TRUE(plain.closed_by_peer());

  RawClient kept(server_->port());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(kept.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    const auto k = kept.read_response();
    ASSERT_TRUE(k);
    EXPECT_EQ(k->header("Connection"), "keep-alive");
  }
}

TEST_F(ServerTest, half_closed_client_still_gets_its_answers) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send(std::string(kGet) + kGet));
  c.shutdown_write();
  EXPECT_TRUE(c.read_response());
  EXPECT_TRUE(c.read_response());
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_TRUE(testing::wait_until([&] { return server_->stats().connections_open == 0; }));
}

TEST_F(ServerTest, handler_exception_becomes_500) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send("GET /throw HTTP/1.1\r\nHost: h\r\n\r\n"));
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  ASSERT_TRUE(c.send(kGet));
  EXPECT_TRUE(c.read_response());
}

TEST_F(ServerTest, bind_error_names_the_address) {
  ServerOptions o;
  o.port = server_->port();
  Server second(o);
  try {
    second.start(echo_handler);
    FAIL() << "second bind succeeded";
  } catch (const std::system_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(std::string("127.0.0.1:") + std::to_string(server_->port())),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("Address already in use"), std::string::npos) << what;
    EXPECT_EQ(e.code().value(), EADDRINUSE);
  }
  EXPECT_FALSE(second.running());
}

TEST(ServerStart, rejects_non_numeric_host_and_double_start) {
  ServerOptions o;
  o.host = "localhost";
  Server bad(o);
  EXPECT_THROW(bad.start(echo_handler), std::system_error);
  Server good;
  good.start(echo_handler);
  EXPECT_THROW(good.start(echo_handler), std::logic_error);
}

TEST(ServerStart, ipv6_loopback) {
  ServerOptions o;
  o.host = "::1";
  Server s(o);
  try {
    s.start(echo_handler);
  } catch (const std::system_error&) {
    GTEST_SKIP() << "no IPv6 loopback here";
  }
  EXPECT_EQ(s.url(), std::string("http://[::1]:") + std::to_string(s.port()));
}

}  // namespace
}  // namespace conform::mock::http
