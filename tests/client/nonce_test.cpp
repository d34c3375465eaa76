// Nonces come from a pool of kernel random bytes drawn once per 16 nonces: these tests hold the
// pool to what a nonce must be whatever the pooling, unique across calls, threads and a fork.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "client/clock.h"

namespace conform::client {
namespace {

TEST(nonce, is_a_version_4_uuid_and_never_repeats_across_many_pools) {
  const std::regex v4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 5000; ++i) {
    const auto n = random_uuid();
    ASSERT_TRUE(std::regex_match(n, v4)) << n;
    ASSERT_TRUE(seen.insert(n).second) << "repeated: " << n;
  }
}

TEST(nonce, threads_draw_different_nonces) {
  std::vector<std::vector<std::string>> drawn(4);
  std::vector<std::thread> threads;
  for (auto& mine : drawn) {
    threads.emplace_back([&mine] {
      for (int i = 0; i < 500; ++i)
        mine.push_back(random_uuid());
    });
  }
  for (auto& t : threads)
    t.join();
  std::set<std::string> seen;
  for (const auto& mine : drawn) {
    for (const auto& n : mine)
      EXPECT_TRUE(seen.insert(n).second) << "repeated across threads: " << n;
  }
}

// A child made by fork copies its parent's memory, pool included: it must not hand out what the
// parent hands out next.
TEST(nonce, a_forked_child_does_not_repeat_its_parents_next_nonces) {
  (void)random_uuid();  // a pool with nonces left in it
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::string out;
    for (int i = 0; i < 8; ++i)
      out += random_uuid() + "\n";
    const auto written = ::write(pipe_fds[1], out.data(), out.size());
    ::_exit(written == static_cast<ssize_t>(out.size()) ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  std::set<std::string> parent;
  for (int i = 0; i < 8; ++i)
    parent.insert(random_uuid());
  std::string text;
  char buf[512];
  for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof buf)) > 0;)
    text.append(buf, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::size_t children = 0;
  for (std::size_t at = 0, end; (end = text.find('\n', at)) != std::string::npos; at = end + 1) {
    ++children;
    EXPECT_EQ(parent.count(text.substr(at, end - at)), 0u) << "the child repeated a nonce";
  }
  EXPECT_EQ(children, 8u);
}

}  // namespace
}  // namespace conform::client
