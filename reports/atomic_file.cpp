#include "reports/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace conform::report {
namespace {

[[noreturn]] void fail(const std::string& path, const char* what) {
  throw std::runtime_error(path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text) {
  // One temporary name per process and call, so two threads or two processes writing beside each
  // other never share one. Hidden and ending in .tmp: a process killed mid-write leaves it behind,
  // and CI globs such as **/*.xml must not pick it up as a second, truncated report.
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path target(path);
  const std::string tmp =
      (target.parent_path() / ("." + target.filename().string() + "." + std::to_string(::getpid()) +
                               "." + std::to_string(counter++) + ".tmp"))
          .string();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fail(tmp, "cannot create");
  }
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      const int saved = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      errno = saved;
      fail(tmp, "cannot write");
    }
    done += static_cast<std::size_t>(n);
  }
  // No fsync: rename already protects against a killed or crashed process, which is what this is
  // for; surviving a power cut is not worth a disk flush after every check.
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    fail(tmp, "cannot close");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    fail(path, "cannot replace");
  }
}

}  // namespace conform::report
