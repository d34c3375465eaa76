#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/support/test_paths.h"

namespace conform::testing {

/// The key pair `conform mock` accepts, as the environment a `conform run` against it reads.
inline const std::string kMockCredentials =
    "ALIBABA_CLOUD_ACCESS_KEY_ID=conform-test-key "
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET=conform-test-secret ";

/// `conform run` flags for a `conform mock` at `url`: its region and its circuits' ids.
inline std::string mock_target_flags(const std::string& url) {
  return "--endpoint " + url +
         " --region cn-hangzhou --complete-circuit pc-mock-complete --enabled-circuit "
         "pc-mock-enabled";
}

/// `conform mock` as a child process: started with arguments, its URL read from the first line it
/// prints, stopped with a signal (SIGTERM at scope exit at the latest).
class MockProcess {
 public:
  /// `stderr_path`: where the child's stderr goes (default: this process's stderr).
  /// The seed operation's spec is served unless `args` name one (see seed_operation_path).
  explicit MockProcess(std::vector<std::string> args, const std::string& stderr_path = "") {
    if (std::find(args.begin(), args.end(), "--spec") == args.end())
      args.insert(args.begin(), {std::string("--spec"), seed_operation_path()});
    int out[2];
    if (::pipe(out) != 0)
      return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      if (!stderr_path.empty()) {
        const int err = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (err >= 0)
          ::dup2(err, STDERR_FILENO);
      }
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
    char c = 0;
    while (::read(out[0], &c, 1) == 1 && c != '\n')
      url_ += c;
    ::close(out[0]);
  }
  ~MockProcess() { stop(SIGTERM); }
  MockProcess(const MockProcess&) = delete;
  MockProcess& operator=(const MockProcess&) = delete;

  const std::string& url() const { return url_; }

  /// Sends the signal and returns the exit code (-1 when it did not exit normally).
  int stop(int signal) {
    if (pid_ <= 0)
      return -1;
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  std::string url_;
};

}  // namespace conform::testing
