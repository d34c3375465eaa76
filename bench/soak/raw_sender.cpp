#include "bench/soak/raw_sender.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace conform::bench::soak {
namespace {

// Closes the socket on every path out.
struct Socket {
  int fd = -1;
  ~Socket() {
    if (fd >= 0)
      ::close(fd);
  }
};

}  // namespace

RawAnswer send_raw(std::uint16_t port, const std::string& bytes) {
  RawAnswer answer;
  Socket s{::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (s.fd < 0 || ::connect(s.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    answer.error = std::string("cannot connect: ") + std::strerror(errno);
    return answer;
  }
  const timeval timeout{10, 0};
  ::setsockopt(s.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  // The server may refuse and close before reading all of an oversized head; its answer is then
  // already waiting to be read, so a failed send is not an error here.
  for (std::size_t sent = 0; sent < bytes.size();) {
    const auto n = ::send(s.fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0)
      break;
    sent += static_cast<std::size_t>(n);
  }
  std::string in;
  char buffer[4096];
  while (true) {
    const auto n = ::recv(s.fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      in.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR)
      continue;
    // A reset after the answer still ends the exchange; a timeout means the server kept it open.
    answer.closed = n == 0 || errno == ECONNRESET;
    if (n < 0 && !answer.closed)
      answer.error = std::string("no close: ") + std::strerror(errno);
    break;
  }
  if (in.starts_with("HTTP/1.1 ") && in.size() >= 12)
    answer.status = std::atoi(in.substr(9, 3).c_str());
  return answer;
}

}  // namespace conform::bench::soak
