#include "tests/client/tls_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace conform::test {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

[[noreturn]] void fail(const std::string& step) {
  char text[256] = {};
  ERR_error_string_n(ERR_get_error(), text, sizeof text);
  throw std::runtime_error("test pki: " + step + " failed: " + text);
}

Pkey new_key() {
  Pkey key(EVP_EC_gen("P-256"));
  if (!key) {
    fail("EVP_EC_gen");
  }
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) {
    fail(std::string("extension ") + OBJ_nid2sn(nid) + "=" + value);
  }
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// `issuer` null: self-signed with `key`.
Cert new_cert(EVP_PKEY* key, const std::string& common_name, X509* issuer, long serial) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  // Backdated an hour so a clock a little behind the test's does not make it "not yet valid".
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24L * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  return cert;
}

void sign(X509* cert, EVP_PKEY* key) {
  if (X509_sign(cert, key, EVP_sha256()) == 0) {
    fail("X509_sign");
  }
}

void write_pem(const std::string& path, const std::vector<X509*>& certs, EVP_PKEY* key) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    throw std::runtime_error("test pki: cannot write " + path);
  }
  bool ok = true;
  for (X509* c : certs) {
    ok = ok && PEM_write_X509(f, c) == 1;
  }
  if (key != nullptr) {
    ok = ok && PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  }
  std::fclose(f);
  if (!ok) {
    fail("PEM write of " + path);
  }
}

bool wait_readable(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, ms) > 0;
}

}  // namespace

TestPki make_test_pki(const std::string& dir, const std::string& subject_alt_name) {
  const Pkey ca_key = new_key();
  Cert ca = new_cert(ca_key.get(), "conform test CA", nullptr, 1);
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  sign(ca.get(), ca_key.get());

  const Pkey server_key = new_key();
  Cert server = new_cert(server_key.get(), "conform test server", ca.get(), 2);
  add_extension(server.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(server.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
  add_extension(server.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  add_extension(server.get(), ca.get(), NID_subject_alt_name, subject_alt_name.c_str());
  add_extension(server.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
  sign(server.get(), ca_key.get());

  TestPki pki{dir + "/ca.pem", dir + "/server-chain.pem", dir + "/server-key.pem"};
  write_pem(pki.ca_cert, {ca.get()}, nullptr);
  // The chain includes the CA so a client with only the system store sees "self-signed
  // certificate in certificate chain", the message a real self-signed deployment produces.
  write_pem(pki.server_chain, {server.get(), ca.get()}, nullptr);
  write_pem(pki.server_key, {}, server_key.get());
  return pki;
}

TlsTestServer::TlsTestServer(const std::string& chain_file, const std::string& key_file,
                             std::string body)
    : body_(std::move(body)) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr) {
    fail("SSL_CTX_new");
  }
  ctx_ = ctx;
  if (SSL_CTX_use_certificate_chain_file(ctx, chain_file.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    SSL_CTX_free(ctx);
    fail("loading " + chain_file + " and " + key_file);
  }
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0) {
    SSL_CTX_free(ctx);
    throw std::runtime_error("tls test server: bind/listen on 127.0.0.1:0 failed");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

TlsTestServer::~TlsTestServer() {
  stop_ = true;
  acceptor_.join();
  {
    // Unblocks workers sitting in SSL_read on a kept-alive connection.
    std::lock_guard lock(mu_);
    for (const int fd : fds_) {
      ::shutdown(fd, SHUT_RDWR);
    }
  }
  for (auto& w : workers_) {
    w.join();
  }
  for (const int fd : fds_) {
    ::close(fd);
  }
  ::close(listen_fd_);
  SSL_CTX_free(static_cast<SSL_CTX*>(ctx_));
}

void TlsTestServer::accept_loop() {
  while (!stop_) {
    if (!wait_readable(listen_fd_, 20)) {
      continue;
    }
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) {
      continue;
    }
    std::lock_guard lock(mu_);
    fds_.push_back(fd);
    workers_.emplace_back([this, fd] { serve(fd); });
  }
}

void TlsTestServer::serve(int fd) {
  // OpenSSL writes with plain write(): a client that hangs up after refusing the certificate
  // (while TLS 1.3 session tickets are still being sent) would raise SIGPIPE and kill the test
  // process. The signal goes to the writing thread, so blocking it here is enough.
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
  SSL* ssl = SSL_new(static_cast<SSL_CTX*>(ctx_));
  SSL_set_fd(ssl, fd);
  if (SSL_accept(ssl) != 1) {
    // The client refused the certificate and sent an alert: expected in the rejection tests.
    SSL_free(ssl);
    ERR_clear_error();
    return;
  }
  ++handshakes_;
  const std::string response =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body_.size()) + "\r\n\r\n" + body_;
  std::string buffer;
  while (!stop_) {
    const auto head_end = buffer.find("\r\n\r\n");
    if (head_end == std::string::npos) {
      char chunk[4096];
      const int n = SSL_read(ssl, chunk, sizeof chunk);
      if (n <= 0) {
        break;
      }
      buffer.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    // Only Content-Length bodies: the client never sends chunked requests.
    std::size_t body_size = 0;
    const std::string head = buffer.substr(0, head_end);
    for (const char* name : {"\r\nContent-Length:", "\r\ncontent-length:"}) {
      if (const auto at = head.find(name); at != std::string::npos) {
        body_size = std::stoul(head.substr(at + std::char_traits<char>::length(name)));
      }
    }
    if (buffer.size() < head_end + 4 + body_size) {
      char chunk[4096];
      const int n = SSL_read(ssl, chunk, sizeof chunk);
      if (n <= 0) {
        break;
      }
      buffer.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    buffer.erase(0, head_end + 4 + body_size);
    if (SSL_write(ssl, response.data(), static_cast<int>(response.size())) <= 0) {
      break;
    }
    ++requests_;
  }
  SSL_free(ssl);
  ERR_clear_error();
}

}  // namespace conform::test
