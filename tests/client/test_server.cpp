#include "tests/client/test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>

#include "core/text/ascii.h"

namespace conform::test {
namespace {

int listen_on_loopback(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    throw std::runtime_error("socket failed");
  }
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0) {
    ::close(fd);
    throw std::runtime_error("bind/listen on 127.0.0.1:0 failed");
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port = ntohs(addr.sin_port);
  return fd;
}

bool wait_readable(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, ms) > 0;
}

}  // namespace

std::string Received::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (text::to_lower(name) == lower_name) {
      return value;
    }
  }
  return {};
}

bool Connection::fill() {
  while (!server_.stopping()) {
    if (!wait_readable(fd_, 20)) {
      continue;
    }
    char buf[16384];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      return false;
    }
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  return false;
}

std::optional<Received> Connection::read_request() {
  std::size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) {
      return std::nullopt;
    }
  }
  Received r;
  const std::string head = buffer_.substr(0, end);
  buffer_.erase(0, end + 4);
  std::size_t line_end = head.find("\r\n");
  const std::string request_line = head.substr(0, line_end);
  const auto sp1 = request_line.find(' ');
  const auto sp2 = request_line.rfind(' ');
  r.method = request_line.substr(0, sp1);
  r.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  while (line_end != std::string::npos) {
    const std::size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string line = head.substr(start, line_end - start);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      r.headers.emplace_back(line.substr(0, colon), value);
    }
  }
  if (text::to_lower(r.header("transfer-encoding")) == "chunked") {
    while (true) {
      std::size_t crlf;
      while ((crlf = buffer_.find("\r\n")) == std::string::npos) {
        if (!fill()) {
          return std::nullopt;
        }
      }
      const std::size_t size = std::stoul(buffer_.substr(0, crlf), nullptr, 16);
      while (buffer_.size() < crlf + 2 + size + 2) {
        if (!fill()) {
          return std::nullopt;
        }
      }
      r.body += buffer_.substr(crlf + 2, size);
      buffer_.erase(0, crlf + 2 + size + 2);
      if (size == 0) {
        break;
      }
    }
  } else if (const std::string cl = r.header("content-length"); !cl.empty()) {
    const std::size_t size = std::stoul(cl);
    while (buffer_.size() < size) {
      if (!fill()) {
        return std::nullopt;
      }
    }
    r.body = buffer_.substr(0, size);
    buffer_.erase(0, size);
  }
  return r;
}

std::string Connection::read_some(int ms) {
  if (buffer_.empty() && wait_readable(fd_, ms)) {
    fill();
  }
  return std::exchange(buffer_, {});
}

bool Connection::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool Connection::stopping() const {
  return server_.stopping();
}

void Connection::stall() const {
  while (!server_.stopping()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void Connection::reset() {
  const linger abort_now{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort_now, sizeof abort_now);
  // dup2 closes the socket (sending the RST) and leaves a fresh, unconnected socket under the same
  // descriptor, so the server's own shutdown and close of fd_ later stay harmless.
  const int placeholder = ::socket(AF_INET, SOCK_STREAM, 0);
  if (placeholder >= 0) {
    ::dup2(placeholder, fd_);
    ::close(placeholder);
  }
}

TestServer::TestServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = listen_on_loopback(port_);
  acceptor_ = std::thread([this] { accept_loop(); });
}

TestServer::~TestServer() {
  stop_ = true;
  acceptor_.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mu_);
    workers.swap(workers_);
  }
  for (auto& w : workers) {
    w.join();
  }
  for (const int fd : fds_) {
    ::close(fd);
  }
  ::close(listen_fd_);
}

void TestServer::accept_loop() {
  while (!stop_) {
    if (!wait_readable(listen_fd_, 20)) {
      continue;
    }
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) {
      continue;
    }
    ++connections_;
    std::lock_guard lock(mu_);
    fds_.push_back(fd);
    workers_.emplace_back([this, fd] {
      Connection c(fd, *this);
      handler_(c);
      ::shutdown(fd, SHUT_RDWR);
    });
  }
}

TestServer::Handler TestServer::http(std::function<std::string(const Received&)> respond) {
  return [respond = std::move(respond)](Connection& c) {
    while (auto request = c.read_request()) {
      c.write(respond(*request));
    }
  };
}

std::string TestServer::response(int status, std::string_view body,
                                 std::string_view extra_headers) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " X\r\n";
  out += "Content-Type: application/json;charset=utf-8\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += extra_headers;
  out += "\r\n";
  out += body;
  return out;
}

int closed_port() {
  int port = 0;
  const int fd = listen_on_loopback(port);
  ::close(fd);
  return port;
}

}  // namespace conform::test
