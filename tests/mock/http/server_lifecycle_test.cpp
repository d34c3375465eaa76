#include <gtest/gtest.h>

#include <chrono>
#include <memory>
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

constexpr const char* kGet = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";

TEST(ServerLifecycle, stop_with_idle_connections_is_prompt) {
  Server s;
  s.start(testing::echo_handler);
  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < 50; ++i) {
    clients.push_back(std::make_unique<RawClient>(s.port()));
    ASSERT_TRUE(clients.back()->send(i % 2 == 0 ? kGet : "GET / HT"));
  }
  ASSERT_TRUE(clients.front()->read_response());
  ASSERT_TRUE(wait_until([&] { return s.stats().connections_open == 50; }));
  const auto start = std::chrono::steady_clock::now();
  s.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
  EXPECT_EQ(s.stats().connections_open, 0U);
  EXPECT_FALSE(s.running());
  EXPECT_TRUE(clients.back()->closed_by_peer());
  s.stop();  // idempotent
}

TEST(ServerLifecycle, stop_during_a_delayed_response_is_prompt) {
  Server s;
  s.start([](const ReceivedRequest&) {
    Response r;
    r.delay = 10s;
    return r;
  });
  RawClient c(s.port());
  ASSERT_TRUE(c.send(kGet));
  ASSERT_TRUE(wait_until([&] { return s.stats().requests_served == 1; }));
  const auto start = std::chrono::steady_clock::now();
  s.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
}

TEST(ServerLifecycle, two_thousand_dropped_connections_leave_nothing_behind) {
  const std::size_t fds_before = testing::open_fd_count();
  {
    ServerOptions o;
    o.io_threads = 2;
    o.max_connections = 4096;
    Server s(o);
    s.start(testing::echo_handler);
    const std::size_t fds_started = testing::open_fd_count();
    for (int batch = 0; batch < 4; ++batch) {
      std::vector<std::unique_ptr<RawClient>> clients;
      for (int i = 0; i < 500; ++i) {
        clients.push_back(std::make_unique<RawClient>(s.port(), 2s));
        ASSERT_TRUE(clients.back()->connected());
        switch (i % 4) {
          case 0:
            break;  // connect and vanish
          case 1:
            clients.back()->send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\nab");
            break;
          case 2:
            clients.back()->send(kGet);
            break;  // answered or not, then dropped
          default:
            clients.back()->send("GET / HTTP/1.1\r\nHo");
            clients.back()->reset();
            break;
        }
      }
    }
    EXPECT_TRUE(wait_until([&] { return s.stats().connections_open == 0; }, 3s))
        << s.stats().connections_open;
    EXPECT_EQ(s.stats().connections_accepted, 2000U);
    RawClient after(s.port());
    ASSERT_TRUE(after.send(kGet));
    const auto r = after.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    // Server-side descriptors are back to what a started, idle server holds (+1: `after`'s pair).
    EXPECT_LE(testing::open_fd_count(), fds_started + 2);
  }
  EXPECT_EQ(testing::open_fd_count(), fds_before);
}

TEST(ServerLifecycle, restart_after_stop) {
  Server s;
  s.start(testing::echo_handler);
  s.stop();
  s.start(testing::echo_handler);
  RawClient c(s.port());
  ASSERT_TRUE(c.send(kGet));
  EXPECT_TRUE(c.read_response());
}

}  // namespace
}  // namespace conform::mock::http
