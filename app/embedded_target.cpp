#include "app/embedded_target.h"

#include "mock/embedded_mock.h"
#include "mock/fixtures.h"
#include "mock/key_store.h"

namespace conform::app {

EmbeddedTarget::EmbeddedTarget(std::shared_ptr<const spec::Operation> op) : op_(std::move(op)) {}

EmbeddedTarget::~EmbeddedTarget() {
  if (mock_)
    mock_->stop();
}

void EmbeddedTarget::start(suite::Target& target) {
  mock::KeyStore keys;
  keys.add(
      {std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret), std::nullopt});
  mock::ServiceOptions options;
  options.control_api = true;
  mock_ = std::make_unique<mock::EmbeddedMock>(op_, mock::default_fixtures(*op_), keys, options);
  mock_->start();
  target.endpoint = mock_->url();
  target.control_url = mock_->url() + std::string(mock::MockService::kControlPrefix.substr(
                                          0, mock::MockService::kControlPrefix.size() - 1));
  target.embedded = true;
  add_embedded_resources(*op_, target);
}

void add_embedded_resources(const spec::Operation& op, suite::Target& target) {
  if (!target.resources.empty())
    return;
  for (const auto& r : mock::default_fixtures(op).records)
    target.resources.push_back({r.resource, r.id, r.state, false, r.fails});
}

client::Credentials embedded_credentials() {
  return {std::string(mock::kTestAccessKeyId),
          std::string(mock::kTestAccessKeySecret),
          std::nullopt,
          {}};
}

}  // namespace conform::app
