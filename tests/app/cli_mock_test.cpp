// `conform mock` as a process: prints its URL, answers, stops cleanly on SIGTERM/SIGINT, and
// refuses bad flags with exit 2 before binding anything.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "client/request_builder.h"
#include "client/transport.h"
#include "mock/key_store.h"
#include "tests/support/local_address.h"
#include "tests/support/mock_process.h"
#include "tests/support/run_command.h"

namespace conform::testing {
namespace {

TEST(cli_mock, serves_then_stops_cleanly_on_each_stop_signal) {
  for (int sig : {SIGTERM, SIGINT}) {
    MockProcess mock({"--access-key", "k1:s1", "--circuit", "pc-x=Complete"});
    ASSERT_EQ(mock.url().rfind("http://127.0.0.1:", 0), 0u) << mock.url();
    client::Transport transport;
    client::SignOptions o;
    o.action = "CreatePhysicalConnectionOccupancyOrder";
    o.version = "2016-04-28";
    const auto e = transport.send(
        client::build_request(client::parse_endpoint(mock.url()),
                              {{"RegionId", "cn-hangzhou"}, {"PhysicalConnectionId", "pc-x"}},
                              {"k1", "s1", std::nullopt, {}}, o));
    EXPECT_EQ(e.status, 200) << e.response_body;
    // --circuit replaces the default fixtures.
    const auto missing = transport.send(client::build_request(
        client::parse_endpoint(mock.url()),
        {{"RegionId", "cn-hangzhou"}, {"PhysicalConnectionId", "pc-mock-complete"}},
        {"k1", "s1", std::nullopt, {}}, o));
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(mock.stop(sig), 0);
  }
}

TEST(cli_mock, binds_loopback_unless_told_and_warns_when_told) {
  const auto address = non_loopback_ipv4();
  const std::string err_path = ::testing::TempDir() + "cli_mock_bind_warning.txt";
  const std::string probe = "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
  {
    MockProcess mock({}, err_path);
    ASSERT_EQ(mock.url().rfind("http://127.0.0.1:", 0), 0u) << mock.url();
    const auto port = static_cast<std::uint16_t>(std::stoi(mock.url().substr(17)));
    EXPECT_TRUE(exchange_with("127.0.0.1", port, probe));
    if (address) {
      EXPECT_FALSE(exchange_with(*address, port, probe)) << "reachable on " << *address;
    }
    EXPECT_EQ(mock.stop(SIGTERM), 0);
    std::ifstream err(err_path);
    const std::string text((std::istreambuf_iterator<char>(err)), {});
    EXPECT_EQ(text.find("WARNING"), std::string::npos) << text;
  }
  {
    MockProcess mock({"--host", "0.0.0.0"}, err_path);
    const auto port = static_cast<std::uint16_t>(std::stoi(mock.url().substr(17)));
    if (address) {
      EXPECT_TRUE(exchange_with(*address, port, probe)) << "not reachable on " << *address;
    }
    EXPECT_EQ(mock.stop(SIGTERM), 0);
    std::ifstream err(err_path);
    const std::string text((std::istreambuf_iterator<char>(err)), {});
    EXPECT_NE(text.find("WARNING: listening on 0.0.0.0, which other hosts can reach"),
              std::string::npos)
        << text;
  }
  if (!address)
    GTEST_SKIP() << "bind checked by URL and warning only: no non-loopback IPv4 address here";
}

TEST(cli_mock, bad_flags_exit_two_with_a_clear_message) {
  struct Case {
    std::string args;
    std::string message;
  };
  for (const auto& c : std::vector<Case>{
           {"--port 70000", "--port must be 0 to 65535"},
           {"--port", "--port needs a value"},
           {"--circuit pc-1=Finished", "circuit has no state \"Finished\""},
           {"--galaxy g-1", "unknown resource \"galaxy\""},
           {"--access-key nosecret", "--access-key expects ID:SECRET"},
           {"--fault skip-rule=nope", "the spec has no rule \"nope\""},
           {"--fixtures /nonexistent.json", "/nonexistent.json: no such file"},
           {"--spec /nonexistent.json", "/nonexistent.json: unreadable-file: no such file"},
           {"--host 203.0.113.300", "cannot listen on 203.0.113.300"},
           {"stray", "unexpected argument 'stray'"},
       }) {
    const auto r = run_conform("mock " + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << c.args;
  }
}

TEST(cli_mock, secret_never_reaches_the_terminal) {
  MockProcess mock({"--access-key", "visible-id:very-secret-value"});
  EXPECT_EQ(mock.stop(SIGTERM), 0);
  const auto r = run_conform("mock --access-key visible-id:very-secret-value --port 70000");
  EXPECT_EQ(r.err.find("very-secret-value"), std::string::npos);
}

}  // namespace
}  // namespace conform::testing
