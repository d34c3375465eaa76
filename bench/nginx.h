#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace conform::bench {

/// Debian's nginx as a reference HTTP server: one worker, a generated config in a temp dir,
/// 127.0.0.1 on a free port, answering every path with a fixed body. Started and stopped here so
/// the figure needs no system service and leaves nothing running.
class Nginx {
 public:
  /// The binary, or nullopt when nginx is not installed (the client figures are then skipped).
  static std::optional<std::string> find_binary();

  /// Throws std::runtime_error with nginx's error log when it does not come up.
  Nginx(const std::string& binary, const std::string& body);
  ~Nginx();
  Nginx(const Nginx&) = delete;
  Nginx& operator=(const Nginx&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  bool start_once(const std::string& binary);
  void stop();

  std::string dir_;
  std::string body_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace conform::bench
