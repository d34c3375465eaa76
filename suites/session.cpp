#include "suites/session.h"

#include <algorithm>

#include "client/clock.h"
#include "client/request.h"
#include "core/http/mask.h"
#include "mock/fixtures.h"
#include "mock/key_store.h"

namespace conform::suite {
namespace {

constexpr int kUnreachableAfter = 3;

client::TransportOptions transport_options(const Target& t) {
  client::TransportOptions o;
  o.requests_per_second = t.requests_per_second;
  o.ca_file = t.ca_file;
  o.dangerously_skip_tls_verification = t.insecure_tls;
  return o;
}

}  // namespace

Session::Session(std::shared_ptr<const spec::Operation> op, Target target, bool dry_run)
    : op_(std::move(op)), target_(std::move(target)), dry_run_(dry_run) {
  if (dry_run_) {
    credentials_ = {"dry-run", "dry-run", std::nullopt, {}};
    if (target_.is_embedded_mock() && target_.resources.empty()) {
      for (const auto& r : mock::default_fixtures(*op_).records) {
        target_.resources.push_back({r.resource, r.id, r.state, false});
      }
    }
    return;
  }
  if (target_.is_embedded_mock()) {
    mock::KeyStore keys;
    keys.add({std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret),
              std::nullopt});
    const auto fixtures = mock::default_fixtures(*op_);
    mock::ServiceOptions options;
    options.control_api = true;
    mock_ = std::make_unique<mock::EmbeddedMock>(op_, fixtures, keys, options);
    mock_->start();
    credentials_ = {std::string(mock::kTestAccessKeyId),
                    std::string(mock::kTestAccessKeySecret),
                    std::nullopt,
                    {}};
    if (target_.resources.empty()) {
      for (const auto& r : fixtures.records)
        target_.resources.push_back({r.resource, r.id, r.state, false});
    }
  } else {
    credentials_ = client::load_credentials(target_.credential_env);  // throws, naming the variable
  }
  transport_ = std::make_unique<client::Transport>(transport_options(target_));
}

Session::~Session() {
  if (mock_)
    mock_->stop();
}

std::string Session::endpoint() const {
  if (mock_)
    return mock_->url();
  return target_.endpoint.empty() ? "http://127.0.0.1:1" : target_.endpoint;
}

namespace {
http::Exchange not_sent(const client::Request& request) {
  http::Exchange e;
  e.method = request.method;
  e.url = http::mask_url(client::url_of(request));
  e.error = http::TransportError{http::TransportErrorKind::kOther, "dry run: not sent"};
  return e;
}
}  // namespace

std::vector<std::string> Session::resource_ids(const std::string& resource,
                                               const std::string& state) const {
  std::vector<std::string> out;
  for (const auto& r : target_.resources) {
    if (r.resource == resource && !r.other_state && r.state == state)
      out.push_back(r.id);
  }
  return out;
}

std::vector<std::string> Session::other_state_ids(const std::string& resource) const {
  std::vector<std::string> out;
  for (const auto& r : target_.resources) {
    if (r.resource == resource && r.other_state)
      out.push_back(r.id);
  }
  return out;
}

std::vector<std::string> Session::secrets() const {
  std::vector<std::string> out{credentials_.access_key_secret};
  if (credentials_.security_token)
    out.push_back(*credentials_.security_token);
  return out;
}

client::Request Session::build(const Probe& probe) {
  client::SignOptions o;
  o.action = op_->action;
  o.version = op_->version;
  o.signature_version = probe.scheme;
  o.method = probe.method;
  o.params_in = probe.placement;
  o.format = probe.format;
  auto credentials = credentials_;
  auto params = probe.params;

  // The billing guard: on an endpoint that can bill, the charge parameter only ever carries its
  // safe value unless the target opted in.
  if (op_->effects && op_->effects->billable && op_->effects->charge_parameter &&
      !target_.is_local() && !target_.allow_billable) {
    const auto& name = *op_->effects->charge_parameter;
    auto it = std::find_if(params.begin(), params.end(),
                           [&](const sign::Param& p) { return p.name == name; });
    if (it == params.end()) {
      params.push_back({name, *op_->effects->safe_value});
    } else {
      it->value = *op_->effects->safe_value;
    }
  }

  switch (probe.tamper) {
    case Tamper::kWrongSecret:
      credentials.access_key_secret += "-wrong";
      break;
    case Tamper::kUnknownAccessKey:
      credentials.access_key_id = "conform-unknown-key";
      break;
    case Tamper::kStaleTimestamp:
      o.timestamp = client::utc_timestamp(std::chrono::system_clock::now() - std::chrono::hours(2));
      break;
    case Tamper::kMalformedTimestamp:
      o.timestamp = "2020-01-01 00:00:00";
      break;
    case Tamper::kReusedNonce:
      o.nonce = last_nonce_;
      break;
    case Tamper::kWrongAction:
      o.action += "Nonexistent";
      break;
    case Tamper::kWrongVersion:
      o.version = "2000-01-01";
      break;
    case Tamper::kChangedAfterSigning:
    case Tamper::kMissingSignature:
      o.params_in = client::ParamsIn::kQuery;  // so the change is one query edit
      break;
    case Tamper::kNone:
      break;
  }
  if (!o.nonce)
    o.nonce = client::random_uuid();
  last_nonce_ = o.nonce;

  auto request = client::build_request(client::parse_endpoint(endpoint()), params, credentials, o);
  if (probe.tamper == Tamper::kChangedAfterSigning && !params.empty()) {
    client::set_query_param(request, params.front().name, params.front().value + "0");
  }
  if (probe.tamper == Tamper::kMissingSignature) {
    if (probe.scheme == client::SignatureVersion::kV1) {
      client::remove_query_param(request, "Signature");
    } else {
      client::remove_header(request, "Authorization");
    }
  }
  return request;
}

http::Exchange Session::send(const Probe& probe, bool creates) {
  if (creates && target_.max_orders && creating_sent_ >= *target_.max_orders) {
    throw OrderBudgetSpent("the run's order budget (--max-orders " +
                           std::to_string(*target_.max_orders) + ") is spent");
  }
  ++requests_sent_;
  if (creates)
    ++creating_sent_;
  if (dry_run_)
    return not_sent(build(probe));
  // Once the endpoint has refused every connection several times over (each already retried),
  // the rest of the run is not sent: it would only wait out the same failure for every case.
  if (consecutive_connect_failures_ >= kUnreachableAfter) {
    auto e = not_sent(build(probe));
    e.error = http::TransportError{http::TransportErrorKind::kConnectFailed,
                                   "endpoint unreachable (" +
                                       std::to_string(consecutive_connect_failures_) +
                                       " requests in a row could not connect); not sent"};
    return e;
  }
  // A fresh signature, timestamp and nonce for every attempt, as real gateways require.
  auto exchange = transport_->send([&](int) { return build(probe); });
  const bool no_connection =
      exchange.error && (exchange.error->kind == http::TransportErrorKind::kConnectFailed ||
                         exchange.error->kind == http::TransportErrorKind::kConnectTimeout);
  consecutive_connect_failures_ = no_connection ? consecutive_connect_failures_ + 1 : 0;
  return exchange;
}

}  // namespace conform::suite

namespace conform::suite {

std::vector<http::Exchange> Session::send_concurrently(const Probe& probe, int copies) {
  if (target_.max_orders && creating_sent_ + copies > *target_.max_orders) {
    throw OrderBudgetSpent("the run's order budget (--max-orders " +
                           std::to_string(*target_.max_orders) + ") cannot cover " +
                           std::to_string(copies) + " more");
  }
  std::vector<client::RequestSource> sources;
  for (int i = 0; i < copies; ++i)
    sources.push_back([this, probe](int) { return build(probe); });
  requests_sent_ += copies;
  creating_sent_ += copies;
  if (dry_run_)
    return std::vector<http::Exchange>(static_cast<std::size_t>(copies), not_sent(build(probe)));
  client::TransportOptions o;
  o.max_in_flight = copies;
  o.requests_per_second = target_.requests_per_second;
  o.ca_file = target_.ca_file;
  o.dangerously_skip_tls_verification = target_.insecure_tls;
  client::Transport racing(o);
  return racing.send_all(sources);
}

}  // namespace conform::suite
