// `conform mock` as a process: prints its URL, answers, stops cleanly on SIGTERM/SIGINT, and
// refuses bad flags with exit 2 before binding anything.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "client/request_builder.h"
#include "client/transport.h"
#include "mock/key_store.h"
#include "tests/support/run_command.h"

namespace conform::testing {
namespace {

struct MockProcess {
  pid_t pid = -1;
  std::string url;
};

MockProcess spawn_mock(const std::vector<std::string>& args) {
  int out[2];
  if (::pipe(out) != 0)
    return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    std::vector<char*> argv{const_cast<char*>(CONFORM_BINARY), const_cast<char*>("mock")};
    for (const auto& a : args)
      argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(CONFORM_BINARY, argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  char c = 0;
  while (::read(out[0], &c, 1) == 1 && c != '\n')
    line += c;
  ::close(out[0]);
  return {pid, line};
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(cli_mock, serves_then_stops_cleanly_on_each_stop_signal) {
  for (int sig : {SIGTERM, SIGINT}) {
    auto mock = spawn_mock({"--access-key", "k1:s1", "--circuit", "pc-x=Complete"});
    ASSERT_EQ(mock.url.rfind("http://127.0.0.1:", 0), 0u) << mock.url;
    client::Transport transport;
    client::SignOptions o;
    o.action = "CreatePhysicalConnectionOccupancyOrder";
    o.version = "2016-04-28";
    const auto e = transport.send(
        client::build_request(client::parse_endpoint(mock.url),
                              {{"RegionId", "cn-hangzhou"}, {"PhysicalConnectionId", "pc-x"}},
                              {"k1", "s1", std::nullopt, {}}, o));
    EXPECT_EQ(e.status, 200) << e.response_body;
    // --circuit replaces the default fixtures.
    const auto missing = transport.send(client::build_request(
        client::parse_endpoint(mock.url),
        {{"RegionId", "cn-hangzhou"}, {"PhysicalConnectionId", "pc-mock-complete"}},
        {"k1", "s1", std::nullopt, {}}, o));
    EXPECT_EQ(missing.status, 404);
    ::kill(mock.pid, sig);
    EXPECT_EQ(wait_exit(mock.pid), 0);
  }
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
  auto mock = spawn_mock({"--access-key", "visible-id:very-secret-value"});
  ::kill(mock.pid, SIGTERM);
  EXPECT_EQ(wait_exit(mock.pid), 0);
  const auto r = run_conform("mock --access-key visible-id:very-secret-value --port 70000");
  EXPECT_EQ(r.err.find("very-secret-value"), std::string::npos);
}

}  // namespace
}  // namespace conform::testing
