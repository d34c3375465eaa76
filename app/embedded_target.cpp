#include "app/embedded_target.h"

#include "mock/embedded_mock.h"
#include "mock/fixtures.h"
#include "mock/key_store.h"

namespace conform::app {

EmbeddedTarget::EmbeddedTarget(std::vector<std::shared_ptr<const spec::Operation>> ops)
    : ops_(std::move(ops)) {}

EmbeddedTarget::~EmbeddedTarget() {
  if (mock_)
    mock_->stop();
}

void EmbeddedTarget::start() {
  mock::KeyStore keys;
  keys.add(
      {std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret), std::nullopt});
  mock::ServiceOptions options;
  options.control_api = true;
  std::vector<mock::ServedOperation> served;
  for (const auto& op : ops_)
    served.push_back({op, mock::default_fixtures(*op), {}});
  mock_ = std::make_unique<mock::EmbeddedMock>(std::move(served), keys, options);
  mock_->start();
}

void EmbeddedTarget::point(const spec::Operation& op, suite::Target& target) const {
  const auto prefix = mock::MockService::kControlPrefix;
  target.endpoint = mock_->url();
  // Without the trailing slash: the session appends "/reset" and the like.
  target.control_url = mock_->url() + std::string(prefix.substr(0, prefix.size() - 1));
  if (ops_.size() > 1)
    target.control_url += "/" + std::string(mock::MockRouter::kOperationsPath) + "/" + op.action;
  target.embedded = true;
  add_embedded_resources(op, target);
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
