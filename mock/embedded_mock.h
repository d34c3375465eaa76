#pragma once

#include <memory>
#include <string>

#include "mock/http/server.h"
#include "mock/router.h"
#include "mock/service.h"

namespace conform::mock {

/// The mock endpoint as one object: spec-driven services, one per operation, behind a real HTTP
/// server on loopback. Tests and the suites embed it; `conform mock` runs it as a process.
class EmbeddedMock {
 public:
  EmbeddedMock(std::shared_ptr<const spec::Operation> op, InitialResources fixtures, KeyStore keys,
               ServiceOptions options = {}, http::ServerOptions server_options = {});
  /// Several operations on one address; see MockRouter.
  EmbeddedMock(std::vector<ServedOperation> served, const KeyStore& keys,
               ServiceOptions options = {}, http::ServerOptions server_options = {});

  /// Binds and starts serving; returns when a client can connect.
  void start();
  void stop();
  std::string url() const { return server_.url(); }
  std::uint16_t port() const { return server_.port(); }
  /// The first operation's service: the sole one of a one-operation mock.
  MockService& service() { return router_->first(); }
  MockRouter& router() { return *router_; }
  const http::Server& server() const { return server_; }

 private:
  std::unique_ptr<MockRouter> router_;
  http::Server server_;
};

/// Key pairs from `--access-key` flags, else the standard environment variables, else the
/// documented test pair (see key_store.h).
KeyStore default_keys();

}  // namespace conform::mock
