#include "mock/embedded_mock.h"

#include <cstdlib>

namespace conform::mock {

EmbeddedMock::EmbeddedMock(std::shared_ptr<const spec::Operation> op, InitialResources fixtures,
                           KeyStore keys, ServiceOptions options,
                           http::ServerOptions server_options)
    : server_(std::move(server_options)) {
  Faults faults = options.faults;
  std::vector<ServedOperation> served;
  served.push_back({std::move(op), std::move(fixtures), std::move(faults)});
  router_ = std::make_unique<MockRouter>(std::move(served), keys, std::move(options));
}

EmbeddedMock::EmbeddedMock(std::vector<ServedOperation> served, const KeyStore& keys,
                           ServiceOptions options, http::ServerOptions server_options)
    : router_(std::make_unique<MockRouter>(std::move(served), keys, std::move(options))),
      server_(std::move(server_options)) {}

void EmbeddedMock::start() {
  server_.start([router = router_.get()](const http::ReceivedRequest& request) {
    return router->handle(request);
  });
}

void EmbeddedMock::stop() {
  server_.stop();
}

KeyStore default_keys() {
  KeyStore keys;
  const char* id = std::getenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
  const char* secret = std::getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  if (id && *id && secret && *secret) {
    AccessKey key{id, secret, std::nullopt};
    if (const char* token = std::getenv("ALIBABA_CLOUD_SECURITY_TOKEN"); token && *token)
      key.security_token = token;
    keys.add(std::move(key));
  } else {
    keys.add({std::string(kTestAccessKeyId), std::string(kTestAccessKeySecret), std::nullopt});
  }
  return keys;
}

}  // namespace conform::mock
