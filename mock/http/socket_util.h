#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <string>

namespace conform::mock::http {

/// Owns a file descriptor; closing on destruction is what keeps dropped connections from leaking.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

/// A non-blocking listening socket on host:port. Throws std::system_error naming the address.
UniqueFd open_listener(const std::string& host, std::uint16_t port);

std::uint16_t local_port(int fd);

struct PeerAddress {
  std::string ip;
  bool loopback = false;
};

PeerAddress describe_peer(const sockaddr_storage& addr);

/// Whether a numeric address (as given to open_listener) is a loopback address, so that a server
/// bound to it cannot be reached from another host. Wildcards and names are not.
bool is_loopback_address(const std::string& host);

}  // namespace conform::mock::http
