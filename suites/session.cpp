#include "suites/session.h"

#include <algorithm>

#include "client/request.h"
#include "client/request_builder.h"
#include "core/http/mask.h"
#include "suites/sign_probe.h"

namespace conform::suite {
namespace {

// The breaker bounds a run against a broken endpoint: without it, a server that stalls costs every
// case its full timeout. Failures that each cost a wait (refused connections, retried with
// back-off; timeouts) open it after 3 in a row; fast ones (a reset, a garbage reply) after 5, so a
// flaky server that fails one request in ten almost never trips it.
constexpr int kBreakerAfterSlow = 3;
constexpr int kBreakerAfterFast = 5;

bool costs_a_wait(http::TransportErrorKind kind) {
  using K = http::TransportErrorKind;
  return kind == K::kConnectFailed || kind == K::kConnectTimeout || kind == K::kTimeout;
}

client::TransportOptions transport_options(const Target& t) {
  client::TransportOptions o;
  o.requests_per_second = t.requests_per_second;
  o.ca_file = t.ca_file;
  o.dangerously_skip_tls_verification = t.insecure_tls;
  o.total_timeout = t.timeout;
  o.connect_timeout = std::min(o.connect_timeout, t.timeout);
  return o;
}

}  // namespace

Session::Session(std::shared_ptr<const spec::Operation> op, Target target,
                 client::Credentials credentials, bool dry_run)
    : op_(std::move(op)),
      target_(std::move(target)),
      credentials_(std::move(credentials)),
      dry_run_(dry_run) {
  endpoint_ = client::parse_endpoint(endpoint());
  const bool may_bill = op_->effects && op_->effects->billable && !target_.is_local();
  if (may_bill && op_->effects->charge_parameter && !target_.allow_billable)
    limits_.charge = client::ChargeRule{*op_->effects->charge_parameter, op_->effects->safe_values};
  limits_.every_request_may_order = may_bill;
  if (target_.max_orders)
    limits_.max_orders = *target_.max_orders;
  if (target_.max_requests)
    limits_.max_requests = *target_.max_requests;
  if (dry_run_)
    return;
  gate_ = std::make_shared<client::SendGate>(limits_);
  auto options = transport_options(target_);
  options.gate = gate_;
  options.stop_reason = [this] { return stop_reason(); };
  options.max_in_flight = in_flight();
  transport_ = std::make_unique<client::Transport>(options);
}

Session::~Session() = default;

std::string Session::endpoint() const {
  return target_.endpoint.empty() ? "http://127.0.0.1:1" : target_.endpoint;
}

std::optional<http::Exchange> Session::fetch_control(const std::string& what, sign::Params query) {
  if (dry_run_ || target_.control_url.empty())
    return std::nullopt;
  // The control URL may carry a path (the mock's /__conform); the endpoint parser takes none.
  const auto& url = target_.control_url;
  const auto host_start = url.find("://") == std::string::npos ? 0 : url.find("://") + 3;
  const auto path_start = url.find('/', host_start);
  const auto endpoint = client::parse_endpoint(url.substr(0, path_start));
  client::Request request;
  request.method = "GET";
  request.scheme = endpoint.scheme;
  request.host = endpoint.host;
  request.pathname = (path_start == std::string::npos ? "" : url.substr(path_start)) + "/" + what;
  request.query = std::move(query);
  return transport_->send(request);
}

namespace {
http::Exchange not_sent(const client::Request& request) {
  http::Exchange e;
  e.method = request.method;
  e.url = http::mask_url(client::url_of(request));
  e.error = http::TransportError{http::TransportErrorKind::kNotSent, "dry run: not sent"};
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
  std::string nonce;
  auto request = build(probe, last_nonce_, nonce);
  last_nonce_ = std::move(nonce);
  return request;
}

client::Request Session::build(const Probe& probe, const std::optional<std::string>& reused_nonce,
                               std::string& nonce) const {
  auto signed_probe = sign_probe(*op_, endpoint_, credentials_, probe, reused_nonce);
  nonce = std::move(signed_probe.nonce);
  return std::move(signed_probe.request);
}

SendThread& Session::send_thread() {
  if (!send_thread_)
    send_thread_ = std::make_unique<SendThread>();
  return *send_thread_;
}

int Session::in_flight() const {
  if (dry_run_ || target_.max_orders || target_.max_requests)
    return 1;
  return std::max(1, target_.in_flight);
}

std::vector<Session::Answered> Session::send_batch(const std::vector<Outgoing>& batch) {
  std::vector<Answered> out(batch.size());
  for (const auto& o : batch) {
    ++requests_sent_;
    if (o.creates)
      ++creating_sent_;
  }
  const auto held = [&](const Probe& probe) {
    return dry_run_ ? not_sent(build(probe)) : held_back(probe);
  };
  if (dry_run_ || !stop_reason().empty() || !breaker_.empty()) {
    for (std::size_t i = 0; i < batch.size(); ++i)
      out[i].exchange = held(*batch[i].probe);
    return out;
  }
  std::vector<client::RequestSource> sources;
  sources.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    sources.push_back([this, &batch, &out, i](int) {
      return build(*batch[i].probe, batch[i].reused_nonce, out[i].nonce);
    });
  }
  auto exchanges = transport_->send_all(sources);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    note_outcome(exchanges[i]);
    out[i].exchange = std::move(exchanges[i]);
  }
  return out;
}

http::Exchange Session::send(const Probe& probe, bool creates) {
  // Where every request may order, the gate counts each attempt (retries too) instead.
  if (creates && !limits_.every_request_may_order && target_.max_orders &&
      creating_sent_ >= *target_.max_orders) {
    throw OrderBudgetSpent("the run's order budget (--max-orders " +
                           std::to_string(*target_.max_orders) + ") is spent");
  }
  ++requests_sent_;
  if (creates)
    ++creating_sent_;
  if (dry_run_)
    return not_sent(build(probe));
  if (auto held = held_back(probe); held.error)
    return held;
  // A fresh signature, timestamp and nonce for every attempt, as real gateways require.
  auto exchange = transport_->send([&](int) { return build(probe); });
  note_outcome(exchange);
  return exchange;
}

http::Exchange Session::held_back(const Probe& probe) {
  http::Exchange e;
  const auto reason = stop_reason();
  if (reason.empty() && breaker_.empty())
    return e;
  e = not_sent(build(probe));
  e.error->message =
      "not sent: " + (reason.empty() ? breaker_ : "run interrupted (" + reason + ")");
  return e;
}

void Session::note_outcome(const http::Exchange& exchange) {
  using K = http::TransportErrorKind;
  if (!exchange.error || exchange.error->kind == K::kNotSent) {
    if (!exchange.error)
      consecutive_failures_ = 0;
    return;
  }
  ++consecutive_failures_;
  const auto kind = exchange.error->kind;
  if (consecutive_failures_ < (costs_a_wait(kind) ? kBreakerAfterSlow : kBreakerAfterFast))
    return;
  const bool unreachable = kind == K::kConnectFailed || kind == K::kConnectTimeout;
  breaker_ = std::string(unreachable ? "endpoint unreachable" : "breaker open") + " (" +
             std::to_string(consecutive_failures_) +
             " requests in a row ended in a transport fault; the last: " +
             std::string(http::to_string(kind)) + ": " + exchange.error->message + ")";
}

}  // namespace conform::suite

namespace conform::suite {

std::vector<http::Exchange> Session::send_concurrently(const Probe& probe, int copies) {
  if (!limits_.every_request_may_order && target_.max_orders &&
      creating_sent_ + copies > *target_.max_orders) {
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
  if (auto held = held_back(probe); held.error)
    return std::vector<http::Exchange>(static_cast<std::size_t>(copies), held);
  auto o = transport_options(target_);
  o.max_in_flight = copies;
  o.gate = gate_;
  o.stop_reason = [this] { return stop_reason(); };
  client::Transport racing(o);
  auto exchanges = racing.send_all(sources);
  for (const auto& e : exchanges)
    note_outcome(e);
  return exchanges;
}

}  // namespace conform::suite
