#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace conform::test {

/// A throwaway CA and one server certificate it signed, written as PEM files into `dir`.
/// Made with the OpenSSL C API (P-256 keys, so generation takes milliseconds, not the tenth of a
/// second an RSA key would) rather than the openssl CLI, so the tests need no extra tool.
struct TestPki {
  std::string ca_cert;       // the CA certificate alone: what a client trusts via ca_file
  std::string server_chain;  // server certificate followed by the CA certificate
  std::string server_key;
};

/// `subject_alt_name` is in openssl config syntax, e.g. "IP:127.0.0.1" or "DNS:x.invalid".
/// Throws std::runtime_error naming the OpenSSL step that failed.
TestPki make_test_pki(const std::string& dir, const std::string& subject_alt_name);

/// HTTPS on 127.0.0.1, ephemeral port: OpenSSL SSL_accept on a thread per connection, answering
/// every HTTP/1.1 request with a fixed 200 response (keep-alive). Handshakes the client aborts
/// (a failed verification) are counted, not treated as errors.
class TlsTestServer {
 public:
  TlsTestServer(const std::string& chain_file, const std::string& key_file, std::string body);
  ~TlsTestServer();
  TlsTestServer(const TlsTestServer&) = delete;
  TlsTestServer& operator=(const TlsTestServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  int handshakes_completed() const { return handshakes_.load(); }
  int requests_answered() const { return requests_.load(); }

 private:
  void accept_loop();
  void serve(int fd);

  void* ctx_ = nullptr;  // SSL_CTX*, kept opaque so this header needs no OpenSSL include
  std::string body_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> handshakes_{0};
  std::atomic<int> requests_{0};
  std::mutex mu_;
  std::vector<int> fds_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

}  // namespace conform::test
