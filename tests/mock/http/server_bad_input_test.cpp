#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "mock/http/server.h"
#include "tests/mock/http/example_handler.h"
#include "tests/mock/http/raw_client.h"

namespace conform::mock::http {
namespace {

using namespace std::chrono_literals;
using testing::RawClient;
using testing::wait_until;

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.io_threads = 2;
    o.max_header_bytes = 8 * 1024;
    o.max_body_bytes = 64 * 1024;
    o.read_timeout = 300ms;
    o.idle_timeout = 300ms;
    server_ = std::make_unique<Server>(o);
    server_->start(testing::echo_handler);
  }

  // The server's own refusals must say Connection: close and then really close.
  void expect_refusal(RawClient& c, int status, const std::string& name) {
    const auto r = c.read_response();
    ASSERT_TRUE(r) << name;
    EXPECT_EQ(r->status, status) << name;
    EXPECT_EQ(r->header("Connection"), "close") << name;
    EXPECT_TRUE(c.closed_by_peer()) << name;
  }

  std::unique_ptr<Server> server_;
};

TEST_F(BadInputTest, each_malformed_request_gets_its_status_and_a_close) {
  const std::string h = " HTTP/1.1\r\nHost: h\r\n";
  struct Case {
    const char* name;
    std::string wire;
    int status;
  };
  std::string many_fields;
  for (int i = 0; i < 101; ++i)
    many_fields += "X-F" + std::to_string(i) + ": 1\r\n";
  const std::vector<Case> cases = {
      {"garbage", "\x16\x03\x01 hello there\r\n\r\n", 400},
      {"tls hello, no newline", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),
       400},
      {"header over limit", "GET /" + h + "X-Big: " + std::string(9000, 'a') + "\r\n\r\n", 431},
      {"endless header line", "GET /" + h + "X-Big: " + std::string(20000, 'a'), 431},
      {"101 header fields", "GET /" + h + many_fields + "\r\n", 431},
      {"101 trailer fields",
       "POST /" + h + "Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n" + many_fields + "\r\n",
       431},
      {"cl and chunked",
       "POST /" + h + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", 400},
      {"invalid cl", "POST /" + h + "Content-Length: 3x\r\n\r\nabc", 400},
      {"negative cl", "POST /" + h + "Content-Length: -3\r\n\r\n", 400},
      {"overflowing cl", "POST /" + h + "Content-Length: 184467440737095516160\r\n\r\n", 400},
      {"invalid chunk size",
       "POST /" + h + "Transfer-Encoding: chunked\r\n\r\nxyz\r\nabc\r\n0\r\n\r\n", 400},
      {"unsupported te", "POST /" + h + "Transfer-Encoding: gzip\r\n\r\n", 501},
      {"http/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505},
  };
  for (const auto& c : cases) {
    RawClient client(server_->port());
    ASSERT_TRUE(client.send(c.wire)) << c.name;
    expect_refusal(client, c.status, c.name);
  }
  EXPECT_EQ(server_->stats().parse_errors, cases.size());
  EXPECT_EQ(server_->stats().requests_served, 0U);
}

TEST_F(BadInputTest, body_over_cap_is_413_even_while_the_client_keeps_sending) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000\r\n\r\n"));
  // The client does not wait: it pushes the body; the server must drain, not reset it.
  EXPECT_TRUE(c.send(std::string(200 * 1024, 'x')));
  expect_refusal(c, 413, "content-length");

  RawClient chunked(server_->port());
  ASSERT_TRUE(chunked.send("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "8000\r\n" + std::string(0x8000, 'y') + "\r\n";
  ASSERT_TRUE(chunked.send(chunk + chunk + chunk));
  expect_refusal(chunked, 413, "chunked");
}

TEST_F(BadInputTest, expect_continue_with_oversized_body_gets_413_not_100) {
  RawClient c(server_->port());
  ASSERT_TRUE(
      c.send("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n"
             "Content-Length: 1000000\r\n\r\n"));
  expect_refusal(c, 413, "expect + oversized");
}

TEST_F(BadInputTest, error_after_a_good_pipelined_request_keeps_the_good_answer) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send("GET /ok HTTP/1.1\r\nHost: h\r\n\r\nBROKEN\r\n\r\n"));
  const auto ok = c.read_response();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  expect_refusal(c, 400, "pipelined garbage");
}

TEST_F(BadInputTest, stalled_request_times_out_with_408) {
  RawClient c(server_->port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: h\r\n"));  // never finished
  expect_refusal(c, 408, "slowloris");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_GE(server_->stats().timeouts, 1U);
}

TEST_F(BadInputTest, trickling_client_is_cut_off_by_the_request_deadline) {
  RawClient c(server_->port());
  const auto start = std::chrono::steady_clock::now();
  bool refused = false;
  // One byte every 50 ms keeps the socket busy but the request never completes in time.
  for (int i = 0; i < 40 && !refused; ++i) {
    refused = !c.send("X");
    std::this_thread::sleep_for(50ms);
    refused = refused || std::chrono::steady_clock::now() - start > 1s;
  }
  const std::string rest = c.read_until_close();
  EXPECT_NE(rest.find("408"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST_F(BadInputTest, idle_keep_alive_connection_is_closed) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  ASSERT_TRUE(c.read_response());
  EXPECT_TRUE(c.closed_by_peer());  // after idle_timeout, silently
  EXPECT_TRUE(wait_until([&] { return server_->stats().connections_open == 0; }));
}

TEST_F(BadInputTest, empty_lines_do_not_keep_an_idle_connection_alive) {
  RawClient c(server_->port());
  const auto start = std::chrono::steady_clock::now();
  bool cut_off = false;
  while (!cut_off && std::chrono::steady_clock::now() - start < 2s) {
    cut_off = !c.send("\r\n");  // skipped by the parser as leading empty lines
    std::this_thread::sleep_for(30ms);
  }
  EXPECT_TRUE(cut_off);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
}

TEST_F(BadInputTest, peer_vanishing_mid_request_is_cleaned_up) {
  {
    RawClient half(server_->port());
    ASSERT_TRUE(half.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nabc"));
    half.shutdown_write();
    EXPECT_TRUE(half.closed_by_peer());
  }
  {
    RawClient reset(server_->port());
    ASSERT_TRUE(reset.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Len"));
    reset.reset();
  }
  {
    RawClient gone(server_->port());
    ASSERT_TRUE(gone.send("GET / HTTP/1.1\r\nHost"));
  }
  EXPECT_TRUE(wait_until([&] { return server_->stats().connections_open == 0; }));
}

TEST_F(BadInputTest, client_that_never_reads_its_responses_is_dropped) {
  RawClient c(server_->port());
  // 64 KiB bodies echoed back, pipelined, never read: output backs up past the socket buffers.
  const std::string req =
      "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 60000\r\n\r\n" + std::string(60000, 'z');
  for (int i = 0; i < 200; ++i) {
    if (!c.send(req)) {
      break;
    }
    if (server_->stats().timeouts > 0) {
      break;
    }
  }
  EXPECT_TRUE(wait_until([&] { return server_->stats().connections_open == 0; }, 3s));
}

TEST(ServerLimits, connections_over_the_maximum_are_closed) {
  ServerOptions o;
  o.max_connections = 2;
  Server s(o);
  s.start(testing::echo_handler);
  RawClient a(s.port());
  RawClient b(s.port());
  ASSERT_TRUE(wait_until([&] { return s.stats().connections_open == 2; }));
  RawClient third(s.port());
  EXPECT_TRUE(third.closed_by_peer());
  EXPECT_EQ(s.stats().connections_rejected, 1U);
  ASSERT_TRUE(a.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  EXPECT_TRUE(a.read_response());
}

}  // namespace
}  // namespace conform::mock::http
