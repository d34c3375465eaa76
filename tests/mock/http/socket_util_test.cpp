// The peer check behind "the control API answers loopback peers only", and the bind-address check
// behind the warning of `conform mock --host`.
#include "mock/http/socket_util.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <cstring>

namespace conform::mock::http {
namespace {

PeerAddress peer_of(int family, const char* ip) {
  sockaddr_storage addr{};
  addr.ss_family = static_cast<sa_family_t>(family);
  void* where = family == AF_INET
                    ? static_cast<void*>(&reinterpret_cast<sockaddr_in*>(&addr)->sin_addr)
                    : static_cast<void*>(&reinterpret_cast<sockaddr_in6*>(&addr)->sin6_addr);
  EXPECT_EQ(::inet_pton(family, ip, where), 1) << ip;
  return describe_peer(addr);
}

TEST(socket_util, only_loopback_peers_count_as_loopback) {
  for (const char* ip : {"127.0.0.1", "127.255.0.9"})
    EXPECT_TRUE(peer_of(AF_INET, ip).loopback) << ip;
  for (const char* ip : {"::1", "::ffff:127.0.0.1"})
    EXPECT_TRUE(peer_of(AF_INET6, ip).loopback) << ip;
  for (const char* ip : {"192.0.2.7", "10.0.0.1", "0.0.0.0", "128.0.0.1", "126.255.255.255"})
    EXPECT_FALSE(peer_of(AF_INET, ip).loopback) << ip;
  for (const char* ip : {"::", "::ffff:192.0.2.7", "fe80::1", "::2", "2001:db8::1"})
    EXPECT_FALSE(peer_of(AF_INET6, ip).loopback) << ip;
  EXPECT_EQ(peer_of(AF_INET6, "::ffff:192.0.2.7").ip, "::ffff:192.0.2.7");
  sockaddr_storage unix_socket{};
  unix_socket.ss_family = AF_UNIX;
  EXPECT_FALSE(describe_peer(unix_socket).loopback);
}

TEST(socket_util, bind_addresses_other_than_loopback_are_exposed) {
  EXPECT_TRUE(is_loopback_address("127.0.0.1"));
  EXPECT_TRUE(is_loopback_address("::1"));
  for (const char* host : {"0.0.0.0", "::", "192.0.2.7", "localhost", "", "127.0.0.1 "})
    EXPECT_FALSE(is_loopback_address(host)) << host;
}

}  // namespace
}  // namespace conform::mock::http
