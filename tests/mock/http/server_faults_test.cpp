#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>

#include "mock/http/server.h"
#include "tests/mock/http/raw_client.h"

namespace conform::mock::http {
namespace {

using namespace std::chrono_literals;
using testing::RawClient;

// The fault paths, driven the way the spec-driven layer will: by fields of the Response.
Response fault_handler(const ReceivedRequest& req) {
  Response r;
  r.body = "0123456789";
  if (req.path == "/slow") {
    r.delay = 800ms;
    r.body = "slow";
  } else if (req.path == "/drop") {
    r.close_without_response = true;
  } else if (req.path == "/slow-drop") {
    r.delay = 200ms;
    r.close_without_response = true;
  } else if (req.path == "/truncate") {
    r.truncate_body_to = 4;
  } else if (req.path == "/raw") {
    r.raw = "HTTP/1.1 2OO OK\r\nbogus\r\n\r\n";
  } else {
    r.body = req.path;
  }
  return r;
}

std::string get(const std::string& path) {
  return "GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n";
}

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.io_threads = 1;  // one thread: a delay that blocked it would block everything
    server_ = std::make_unique<Server>(o);
    server_->start(fault_handler);
  }
  std::unique_ptr<Server> server_;
};

TEST_F(FaultTest, delay_does_not_block_other_connections) {
  const auto start = std::chrono::steady_clock::now();
  RawClient slow(server_->port());
  ASSERT_TRUE(slow.send(get("/slow")));
  std::this_thread::sleep_for(50ms);  // the slow request is now parked on the only I/O thread
  RawClient fast(server_->port());
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(fast.send(get("/fast")));
    const auto r = fast.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "/fast");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
  const auto s = slow.read_response();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->body, "slow");
  EXPECT_GE(std::chrono::steady_clock::now() - start, 800ms);
}

TEST_F(FaultTest, delayed_response_keeps_pipeline_order) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send(get("/slow") + get("/after")));
  const auto first = c.read_response();
  const auto second = c.read_response();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->body, "slow");
  EXPECT_EQ(second->body, "/after");
}

TEST_F(FaultTest, close_without_response) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send(get("/drop")));
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(FaultTest, close_without_response_still_sends_earlier_pipelined_answers) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send(get("/first") + get("/slow-drop") + get("/never")));
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "/first");
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(FaultTest, truncated_body) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send(get("/truncate")));
  const std::string all = c.read_until_close();
  EXPECT_NE(all.find("Content-Length: 10\r\n"), std::string::npos) << all;
  EXPECT_EQ(all.substr(all.find("\r\n\r\n") + 4), "0123");
}

TEST_F(FaultTest, raw_bytes_then_close) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.send(get("/raw")));
  EXPECT_EQ(c.read_until_close(), "HTTP/1.1 2OO OK\r\nbogus\r\n\r\n");
}

TEST_F(FaultTest, many_delayed_requests_wait_concurrently) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < 20; ++i) {
    clients.push_back(std::make_unique<RawClient>(server_->port()));
    ASSERT_TRUE(clients.back()->send(get("/slow")));
  }
  for (auto& c : clients) {
    ASSERT_TRUE(c->read_response());
  }
  // Twenty 800 ms delays on one thread overlap; serialised they would take 16 s.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

}  // namespace
}  // namespace conform::mock::http
