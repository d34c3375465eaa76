#include "tests/mock/http/raw_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace conform::mock::http::testing {

RawClient::RawClient(std::uint16_t port, std::chrono::milliseconds timeout) : timeout_(timeout) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawClient::~RawClient() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

bool RawClient::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool RawClient::fill() {
  if (eof_ || fd_ < 0) {
    return false;
  }
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout_.count())) <= 0) {
    return false;
  }
  std::array<char, 64 * 1024> buf;
  const ssize_t n = ::recv(fd_, buf.data(), buf.size(), 0);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  buffer_.append(buf.data(), static_cast<std::size_t>(n));
  return true;
}

std::optional<std::size_t> RawClient::head_end() const {
  const std::size_t p = buffer_.find("\r\n\r\n");
  if (p == std::string::npos) {
    return std::nullopt;
  }
  return p + 4;
}

std::optional<ParsedResponse> RawClient::read_response(bool head_request) {
  while (!head_end()) {
    if (!fill()) {
      return std::nullopt;
    }
  }
  const std::size_t end = *head_end();
  const std::string head = buffer_.substr(0, end - 2);
  ParsedResponse r;
  std::size_t line_end = head.find("\r\n");
  const std::string status_line = head.substr(0, line_end);
  if (status_line.size() < 12 || status_line.compare(0, 5, "HTTP/") != 0) {
    return std::nullopt;
  }
  r.status = std::atoi(status_line.substr(9, 3).c_str());
  r.reason = status_line.size() > 13 ? status_line.substr(13) : std::string();
  std::size_t pos = line_end + 2;
  while (pos < head.size()) {
    line_end = head.find("\r\n", pos);
    const std::string line = head.substr(pos, line_end - pos);
    pos = line_end + 2;
    const std::size_t colon = line.find(':');
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    r.headers.push_back({line.substr(0, colon), value});
  }
  std::size_t length = 0;
  if (!head_request && r.status >= 200 && r.status != 204 && r.status != 304) {
    length =
        static_cast<std::size_t>(std::strtoull(r.header("Content-Length").c_str(), nullptr, 10));
  }
  while (buffer_.size() < end + length) {
    if (!fill()) {
      return std::nullopt;
    }
  }
  r.body = buffer_.substr(end, length);
  buffer_.erase(0, end + length);
  return r;
}

std::string RawClient::read_until_close() {
  while (fill()) {
  }
  std::string all = std::move(buffer_);
  buffer_.clear();
  return all;
}

bool RawClient::closed_by_peer() {
  const bool got_data = fill();
  return !got_data && eof_ && buffer_.empty();
}

void RawClient::shutdown_write() {
  ::shutdown(fd_, SHUT_WR);
}

void RawClient::reset() {
  linger l{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  ::close(fd_);
  fd_ = -1;
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

std::size_t open_fd_count() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) {
    ++n;
  }
  return n;
}

}  // namespace conform::mock::http::testing
