#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "client/request_builder.h"
#include "client/transport.h"
#include "core/spec/loader.h"
#include "core/text/ascii.h"
#include "mock/embedded_mock.h"
#include "tests/support/test_paths.h"

namespace conform::mock {

inline std::shared_ptr<const spec::Operation> occupancy_spec() {
  static const auto op = spec::load_operation(conform::testing::source_path(
      "specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json"));
  return op;
}

inline client::Credentials test_credentials() {
  return {std::string(kTestAccessKeyId), std::string(kTestAccessKeySecret), std::nullopt, {}};
}

/// A mock on a loopback port with the default fixtures and the test key, and a client to call it.
class MockTest : public ::testing::Test {
 protected:
  void start(ServiceOptions options = {},
             std::shared_ptr<const spec::Operation> op = occupancy_spec()) {
    op_ = op;
    KeyStore keys;
    keys.add({std::string(kTestAccessKeyId), std::string(kTestAccessKeySecret), std::nullopt});
    keys.add({"sts-key", "sts-secret", std::string("sts-token")});
    mock_ = std::make_unique<EmbeddedMock>(op, default_fixtures(*op), keys, std::move(options));
    mock_->start();
  }
  void SetUp() override { start(); }
  void TearDown() override {
    if (mock_)
      mock_->stop();
  }

  client::SignOptions options(client::SignatureVersion v = client::SignatureVersion::kV1,
                              std::string method = "POST") const {
    client::SignOptions o;
    o.action = op_->action;
    o.version = op_->version;
    o.signature_version = v;
    o.method = std::move(method);
    return o;
  }

  client::Request build(const sign::Params& params, const client::SignOptions& o,
                        const client::Credentials& c = test_credentials()) const {
    return client::build_request(client::parse_endpoint(mock_->url()), params, c, o);
  }

  conform::http::Exchange send(const client::Request& r) { return transport_.send(r); }
  conform::http::Exchange call(const sign::Params& params, const client::SignOptions& o) {
    return send(build(params, o));
  }
  conform::http::Exchange call(const sign::Params& params) { return call(params, options()); }

  static sign::Params valid_params(const std::string& circuit = "pc-mock-complete") {
    return {{"RegionId", "cn-hangzhou"},
            {"PhysicalConnectionId", circuit},
            {"Period", "1"},
            {"PricingCycle", "Month"},
            {"AutoPay", "false"}};
  }

  static nlohmann::json body(const conform::http::Exchange& e) {
    return nlohmann::json::parse(e.response_body);
  }

  static std::string header(const conform::http::Exchange& e, std::string_view name) {
    for (const auto& h : e.response_headers) {
      if (conform::text::iequals(h.name, name)) {
        return h.value;
      }
    }
    return "";
  }

  std::shared_ptr<const spec::Operation> op_;
  std::unique_ptr<EmbeddedMock> mock_;
  static client::TransportOptions no_retries() {
    client::TransportOptions o;
    o.retry.max_retries = 0;  // the tests look at each answer the mock gives
    return o;
  }
  client::Transport transport_{no_retries()};
};

}  // namespace conform::mock
