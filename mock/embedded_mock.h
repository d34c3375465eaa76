#pragma once

#include <memory>
#include <string>

#include "mock/http/server.h"
#include "mock/service.h"

namespace conform::mock {

/// The mock endpoint as one object: a spec-driven service behind a real HTTP server on loopback.
/// Tests and the suites embed it; `conform mock` runs it as a process.
class EmbeddedMock {
 public:
  EmbeddedMock(std::shared_ptr<const spec::Operation> op, InitialResources fixtures, KeyStore keys,
               ServiceOptions options = {}, http::ServerOptions server_options = {});

  /// Binds and starts serving; returns when a client can connect.
  void start();
  void stop();
  std::string url() const { return server_.url(); }
  std::uint16_t port() const { return server_.port(); }
  MockService& service() { return *service_; }
  const http::Server& server() const { return server_; }

 private:
  std::unique_ptr<MockService> service_;
  http::Server server_;
};

/// Key pairs from `--access-key` flags, else the standard environment variables, else the
/// documented test pair (see key_store.h).
KeyStore default_keys();

}  // namespace conform::mock
