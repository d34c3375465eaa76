#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace conform::test {

struct Received {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string header(std::string_view lower_name) const;
};

class TestServer;

/// One accepted socket. Reads give up when the server stops, so a stalling handler never hangs
/// a test.
class Connection {
 public:
  Connection(int fd, const TestServer& server) : fd_(fd), server_(server) {}
  /// Next HTTP/1.1 request (Content-Length or chunked body); nullopt at EOF or stop.
  std::optional<Received> read_request();
  /// Reads whatever arrives within `ms` (used to swallow a TLS ClientHello).
  std::string read_some(int ms);
  /// False once the peer is gone.
  bool write(std::string_view bytes);
  bool stopping() const;
  /// Blocks until the server stops: the "accept and stall" behaviour.
  void stall() const;
  /// Aborts the connection with a TCP RST (SO_LINGER 0), as a crashed peer or a middlebox does.
  void reset();

 private:
  bool fill();
  int fd_;
  const TestServer& server_;
  std::string buffer_;
};

/// Loopback server on an ephemeral port; each connection runs `handler` on its own thread.
class TestServer {
 public:
  using Handler = std::function<void(Connection&)>;
  explicit TestServer(Handler handler);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return connections_.load(); }
  bool stopping() const { return stop_.load(); }

  /// A keep-alive HTTP handler answering each request with `respond`'s raw bytes.
  static Handler http(std::function<std::string(const Received&)> respond);
  /// A well-formed response with Content-Length.
  static std::string response(int status, std::string_view body,
                              std::string_view extra_headers = "");

 private:
  void accept_loop();
  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::mutex mu_;
  std::vector<std::thread> workers_;
  std::vector<int> fds_;
  std::thread acceptor_;
};

/// A port on which nothing listens (bound, then closed).
int closed_port();

}  // namespace conform::test
