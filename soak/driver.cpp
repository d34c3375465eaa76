#include "soak/driver.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>

#include "client/clock.h"
#include "client/request_builder.h"
#include "core/sign/percent.h"
#include "core/spec/evaluate.h"
#include "mock/fixtures.h"
#include "mock/key_store.h"
#include "suites/requests.h"
#include "suites/session.h"

namespace conform::soak {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Everything the driver needs to know about the operation, taken from the spec so that the soak
// works for any operation with a client token (no operation's names appear here).
struct Plan {
  sign::Params base;  // the smallest valid request against the default fixtures
  std::string token_param;
  std::string order_field;  // last name of the response field that identifies the creation
  std::string code_field;   // the error body's field holding the error code
  int success_status = 200;
  std::set<int> signature_status, key_status, timestamp_status, nonce_status;
  std::string missing_param;
  std::set<int> missing_status;
  std::string range_param, range_bad, range_other;
  std::set<int> range_status;
  std::string exists_param;
  std::string exists_missing;  // an existing ID as a prefix: same shape, no such resource
  std::set<int> exists_status;
  std::string state_param, state_value;
  std::set<int> state_status;
  std::set<int> mismatch_status;
  std::chrono::seconds skew{900};
};

std::set<int> statuses_of(const spec::Outcome& outcome) {
  std::set<int> out;
  for (const auto& a : outcome.accept)
    out.insert(a.http);
  return out;
}

const spec::Rule* rule_with(const spec::Operation& op, spec::Check check,
                            const std::function<bool(const spec::Rule&)>& also = {}) {
  for (const auto& r : op.rules) {
    if (r.check == check && (!also || also(r)))
      return &r;
  }
  return nullptr;
}

bool has_param(const sign::Params& params, const std::string& name) {
  return std::any_of(params.begin(), params.end(),
                     [&](const sign::Param& p) { return p.name == name; });
}

spec::ParamMap map_of(const sign::Params& params) {
  spec::ParamMap out;
  for (const auto& p : params)
    out.emplace(p.name, p.value);
  return out;
}

std::string identifying_field(const std::vector<spec::Field>& fields) {
  for (const auto& f : fields) {
    if (f.identifies)
      return f.name;
    if (auto inner = identifying_field(f.fields); !inner.empty())
      return inner;
  }
  return "";
}

Plan make_plan(const std::shared_ptr<const spec::Operation>& shared_op) {
  const auto& op = *shared_op;
  Plan plan;
  // A dry session over the mock's starting resources: it only lends the minimal request.
  suite::Target target;
  for (const auto& r : mock::default_fixtures(op).records)
    target.resources.push_back({r.resource, r.id, r.state, false});
  const suite::Session session(shared_op, target, {"dry-run", "dry-run", std::nullopt, {}}, true);
  const auto minimal = suite::minimal_valid_params(session);
  if (!minimal.params)
    throw std::runtime_error("soak: no valid request from the spec: " + minimal.missing);
  plan.base = *minimal.params;
  if (!op.idempotency)
    throw std::runtime_error("soak: the operation has no client token to race");
  plan.token_param = op.idempotency->token;
  plan.order_field = identifying_field(op.response.fields);
  if (plan.order_field.empty())
    throw std::runtime_error("soak: no response field identifies what the operation creates");
  plan.success_status = op.response.http;
  for (const auto& f : op.protocol.error_body.fields) {
    if (f.value && *f.value == "code")
      plan.code_field = f.name;
  }
  plan.skew = std::chrono::seconds(op.protocol.timestamp_skew_seconds);

  const auto need = [&](const spec::Rule* rule, const char* what) -> const spec::Rule& {
    if (!rule)
      throw std::runtime_error(std::string("soak: the spec has no rule for ") + what);
    return *rule;
  };
  plan.signature_status =
      statuses_of(op.outcome_of(need(rule_with(op, spec::Check::kSignature), "signatures")));
  plan.key_status =
      statuses_of(op.outcome_of(need(rule_with(op, spec::Check::kAccessKey), "access keys")));
  plan.timestamp_status = statuses_of(
      op.outcome_of(need(rule_with(op, spec::Check::kTimestampWindow), "request times")));
  plan.nonce_status =
      statuses_of(op.outcome_of(need(rule_with(op, spec::Check::kNonceUnique), "nonces")));
  if (op.idempotency->different_request)
    plan.mismatch_status = statuses_of(op.outcomes.at(*op.idempotency->different_request));

  const auto in_base = [&](const spec::Rule& r) {
    return has_param(plan.base, r.param) && r.param != plan.token_param;
  };
  if (const auto* r = rule_with(op, spec::Check::kPresent, in_base)) {
    plan.missing_param = r->param;
    plan.missing_status = statuses_of(op.outcome_of(*r));
  }
  if (const auto* r = rule_with(op, spec::Check::kExists, in_base)) {
    plan.exists_param = r->param;
    for (const auto& p : plan.base) {
      if (p.name == r->param)
        plan.exists_missing = p.value + "0";
    }
    plan.exists_status = statuses_of(op.outcome_of(*r));
  }
  if (const auto* r = rule_with(op, spec::Check::kState, in_base)) {
    for (const auto& record : mock::default_fixtures(op).records) {
      if (record.resource == r->resource &&
          std::find(r->states.begin(), r->states.end(), record.state) == r->states.end()) {
        plan.state_param = r->param;
        plan.state_value = record.id;
        plan.state_status = statuses_of(op.outcome_of(*r));
        break;
      }
    }
  }
  // An integer parameter with a largest value: one past it is out of range; another allowed
  // value makes a client token's request differ (token mismatch) or a tampered request.
  const auto base_map = map_of(plan.base);
  for (const auto& p : op.parameters) {
    if (p.common || p.type != spec::ValueType::kInteger || !p.maximum)
      continue;
    const auto* rule =
        rule_with(op, spec::Check::kValid, [&](const spec::Rule& r) { return r.param == p.name; });
    if (!rule)
      continue;
    std::int64_t largest = *p.maximum;
    for (const auto& c : p.conditional) {
      if (c.maximum)
        largest = std::max(largest, *c.maximum);
    }
    const std::string bad = std::to_string(largest + 1);
    if (!spec::value_violation(op, p, bad, base_map))
      continue;
    const auto current = base_map.find(p.name);
    std::string other;
    for (std::int64_t v = p.minimum.value_or(1); v <= largest && other.empty(); ++v) {
      const std::string text = std::to_string(v);
      if ((current == base_map.end() || current->second != text) &&
          !spec::value_violation(op, p, text, base_map)) {
        other = text;
      }
    }
    if (other.empty())
      continue;
    plan.range_param = p.name;
    plan.range_bad = bad;
    plan.range_other = other;
    plan.range_status = statuses_of(op.outcome_of(*rule));
    break;
  }
  return plan;
}

sign::Params with(sign::Params params, const std::string& name, const std::string& value) {
  for (auto& p : params) {
    if (p.name == name) {
      p.value = value;
      return params;
    }
  }
  params.push_back({name, value});
  return params;
}

sign::Params without(sign::Params params, const std::string& name) {
  params.erase(std::remove_if(params.begin(), params.end(),
                              [&](const sign::Param& p) { return p.name == name; }),
               params.end());
  return params;
}

std::string wire_of(const client::Request& r) {
  std::string out = r.method + " " + r.pathname;
  if (!r.query.empty())
    out += "?" + sign::encode_params(r.query);
  out += " HTTP/1.1\r\n";
  bool has_host = false;
  for (const auto& h : r.headers) {
    has_host = has_host || mock::http::iequals(h.name, "host");
    out += h.name + ": " + h.value + "\r\n";
  }
  if (!has_host)
    out += "Host: " + r.host + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n";
  out += r.body;
  return out;
}

struct Expect {
  std::set<int> statuses;
  bool success = false;  // and carries the order's ID
  bool closes = false;   // the server refuses at the HTTP layer and closes
  std::optional<std::size_t> token;
  std::string nonce;  // of a valid request, for the reused-nonce kind
};

struct ParsedResponse {
  int status = 0;
  bool close = false;
  std::string_view body;
  std::size_t size = 0;
};

// Parses one complete response at the front of `in`; nullopt while incomplete. Throws
// std::runtime_error when the bytes cannot be a response.
std::optional<ParsedResponse> parse_response(std::string_view in) {
  const auto head_end = in.find("\r\n\r\n");
  if (head_end == std::string_view::npos)
    return std::nullopt;
  if (in.substr(0, 9) != "HTTP/1.1 " || head_end < 12)
    throw std::runtime_error("not an HTTP/1.1 response");
  ParsedResponse r;
  r.status = std::atoi(std::string(in.substr(9, 3)).c_str());
  std::size_t length = 0;
  std::size_t pos = in.find("\r\n") + 2;
  while (pos < head_end) {
    const auto eol = in.find("\r\n", pos);
    const auto line = in.substr(pos, eol - pos);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      const auto name = line.substr(0, colon);
      auto value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ')
        value.remove_prefix(1);
      if (mock::http::iequals(name, "content-length")) {
        length = static_cast<std::size_t>(std::strtoull(std::string(value).c_str(), nullptr, 10));
      } else if (mock::http::iequals(name, "connection")) {
        r.close = mock::http::has_token(value, "close");
      } else if (mock::http::iequals(name, "transfer-encoding")) {
        throw std::runtime_error("chunked responses are not expected from the mock");
      }
    }
    pos = eol + 2;
  }
  if (in.size() < head_end + 4 + length)
    return std::nullopt;
  r.body = in.substr(head_end + 4, length);
  r.size = head_end + 4 + length;
  return r;
}

// The creation's ID from a JSON success body: `"Field":"value"` or `"Field":123`.
std::string field_value(std::string_view body, const std::string& field) {
  const std::string key = "\"" + field + "\":";
  auto pos = body.find(key);
  if (pos == std::string_view::npos)
    return "";
  pos += key.size();
  while (pos < body.size() && (body[pos] == ' ' || body[pos] == '"'))
    ++pos;
  const auto end = body.find_first_of("\",}", pos);
  return std::string(body.substr(pos, end == std::string_view::npos ? end : end - pos));
}

struct Connection {
  int fd = -1;
  bool busy = false;
  std::string out;
  std::size_t written = 0;
  std::string in;
  Kind kind = Kind::kValidV1;
  Expect expect;
  std::string accepted_wire;  // what to add to the replay pool when the answer is a success
  bool watching_output = false;
};

class Driver {
 public:
  Driver(mock::EmbeddedMock& mock, const Options& options, long max_rss_growth_kib)
      : mock_(mock),
        options_(options),
        max_rss_growth_kib_(max_rss_growth_kib),
        op_(mock.service().operation()),
        plan_(make_plan(mock.service().shared_operation())),
        endpoint_(client::parse_endpoint(mock.url())),
        random_(options.seed),
        token_ids_(options.tokens) {
    creds_ = {std::string(mock::kTestAccessKeyId),
              std::string(mock::kTestAccessKeySecret),
              std::nullopt,
              {}};
    run_tag_ = client::random_uuid().substr(0, 8);
    for (std::size_t i = 0; i < options.tokens; ++i)
      tokens_.push_back("soak-" + run_tag_ + "-" + std::to_string(i));
  }

  Report run() {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0)
      throw std::runtime_error(std::string("soak: epoll_create1: ") + std::strerror(errno));
    connections_.resize(static_cast<std::size_t>(std::max(1, options_.connections)));
    for (auto& c : connections_)
      connect(c);
    const auto start = SteadyClock::now();
    sample_every_ = std::max<std::uint64_t>(1, options_.requests / options_.rss_samples);
    for (auto& c : connections_) {
      if (report_.sent < options_.requests)
        start_next(c);
    }
    std::array<epoll_event, 64> events{};
    auto last_progress = SteadyClock::now();
    while (busy_ > 0) {
      const int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 1000);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        throw std::runtime_error(std::string("soak: epoll_wait: ") + std::strerror(errno));
      if (n > 0) {
        last_progress = SteadyClock::now();
      } else if (SteadyClock::now() - last_progress > std::chrono::seconds(30)) {
        report_.failures.push_back(std::to_string(busy_) +
                                   " requests got no answer within 30 s; the soak stopped");
        report_.unanswered += busy_;
        break;
      }
      for (int i = 0; i < n; ++i) {
        auto& c = connections_[events[static_cast<std::size_t>(i)].data.u64];
        on_event(c, events[static_cast<std::size_t>(i)].events);
      }
    }
    report_.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    for (auto& c : connections_) {
      if (c.fd >= 0)
        ::close(c.fd);
    }
    ::close(epoll_);
    sample_rss();
    final_checks();
    return report_;
  }

 private:
  void connect(Connection& c) {
    if (c.fd >= 0)
      ::close(c.fd);
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(mock_.port());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (c.fd < 0 || ::connect(c.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error(std::string("soak: cannot connect to the mock: ") +
                               std::strerror(errno));
    const int one = 1;
    ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(c.fd, F_SETFL, ::fcntl(c.fd, F_GETFL) | O_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = static_cast<std::uint64_t>(&c - connections_.data());
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &ev);
    c.in.clear();
    c.watching_output = false;
  }

  void watch_output(Connection& c, bool on) {
    if (c.watching_output == on)
      return;
    c.watching_output = on;
    epoll_event ev{};
    ev.events = EPOLLIN | (on ? EPOLLOUT : 0U);
    ev.data.u64 = static_cast<std::uint64_t>(&c - connections_.data());
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &ev);
  }

  Kind choose_kind() {
    std::uniform_real_distribution<double> share(0.0, 1.0);
    if (share(random_) >= options_.invalid_share) {
      const double r = share(random_);
      return r < 0.05 ? Kind::kValidNoToken : (r < 0.525 ? Kind::kValidV1 : Kind::kValidV3);
    }
    // Connection-level refusals cost a reconnect each, so they come more rarely.
    static constexpr std::array<std::pair<Kind, int>, 15> kWeights{{
        {Kind::kWrongSecret, 10},
        {Kind::kUnknownKey, 10},
        {Kind::kTampered, 10},
        {Kind::kStaleTimestamp, 10},
        {Kind::kFutureTimestamp, 10},
        {Kind::kReplay, 10},
        {Kind::kReusedNonce, 10},
        {Kind::kMissingParameter, 10},
        {Kind::kOutOfRange, 10},
        {Kind::kUnknownResource, 10},
        {Kind::kWrongState, 10},
        {Kind::kTokenMismatch, 10},
        {Kind::kGarbage, 1},
        {Kind::kOversizedHead, 1},
        {Kind::kOversizedBody, 1},
    }};
    int total = 0;
    for (const auto& [kind, weight] : kWeights)
      total += weight;
    int pick = std::uniform_int_distribution<int>(0, total - 1)(random_);
    for (const auto& [kind, weight] : kWeights) {
      if (pick < weight)
        return kind;
      pick -= weight;
    }
    return Kind::kWrongSecret;
  }

  client::SignOptions sign_options(bool v3, std::uint64_t variant) const {
    client::SignOptions o;
    o.action = op_.action;
    o.version = op_.version;
    o.signature_version = v3 ? client::SignatureVersion::kV3 : client::SignatureVersion::kV1;
    o.method = "POST";
    static constexpr std::array<client::ParamsIn, 3> kPlaces{
        client::ParamsIn::kQuery, client::ParamsIn::kBody, client::ParamsIn::kSplit};
    o.params_in = kPlaces[variant % kPlaces.size()];
    return o;
  }

  client::Request signed_request(const sign::Params& params, client::SignOptions o,
                                 const client::Credentials& creds, Expect& expect) {
    if (!o.nonce)
      o.nonce = client::random_uuid();
    expect.nonce = *o.nonce;
    return client::build_request(endpoint_, params, creds, o);
  }

  // The request of a kind, as wire bytes, and what it must be answered with. Kinds whose
  // preconditions are missing (nothing accepted yet to replay, no such rule in the spec) fall
  // back to a forged signature.
  std::string make(Kind& kind, Expect& expect) {
    const std::uint64_t n = report_.sent;
    const bool v3 = n % 2 == 1;
    const auto fallback = [&] {
      kind = Kind::kWrongSecret;
      return make(kind, expect);
    };
    switch (kind) {
      case Kind::kValidV1:
      case Kind::kValidV3: {
        const std::size_t token =
            (valid_with_token_++ / std::max<std::size_t>(1, options_.token_burst)) % tokens_.size();
        expect.statuses = {plan_.success_status};
        expect.success = true;
        expect.token = token;
        return wire_of(signed_request(with(plan_.base, plan_.token_param, tokens_[token]),
                                      sign_options(kind == Kind::kValidV3, n / 2), creds_, expect));
      }
      case Kind::kValidNoToken:
        expect.statuses = {plan_.success_status};
        expect.success = true;
        return wire_of(signed_request(plan_.base, sign_options(v3, n / 2), creds_, expect));
      case Kind::kWrongSecret: {
        auto forged = creds_;
        forged.access_key_secret = "soak-not-the-secret";
        expect.statuses = plan_.signature_status;
        return wire_of(signed_request(plan_.base, sign_options(v3, n / 2), forged, expect));
      }
      case Kind::kUnknownKey: {
        auto forged = creds_;
        forged.access_key_id = "soak-unknown-key";
        expect.statuses = plan_.key_status;
        return wire_of(signed_request(plan_.base, sign_options(v3, n / 2), forged, expect));
      }
      case Kind::kTampered: {
        if (plan_.range_param.empty())
          return fallback();
        auto o = sign_options(v3, 0);  // query placement: the tampered value is in the URL
        auto r = signed_request(plan_.base, o, creds_, expect);
        client::set_query_param(r, plan_.range_param, plan_.range_other);
        expect.statuses = plan_.signature_status;
        return wire_of(r);
      }
      case Kind::kStaleTimestamp:
      case Kind::kFutureTimestamp: {
        auto o = sign_options(v3, n / 2);
        const auto margin = plan_.skew + std::chrono::seconds(120);
        const auto now = std::chrono::system_clock::now();
        o.timestamp =
            client::utc_timestamp(kind == Kind::kStaleTimestamp ? now - margin : now + margin);
        expect.statuses = plan_.timestamp_status;
        return wire_of(signed_request(plan_.base, o, creds_, expect));
      }
      case Kind::kReplay:
        if (accepted_wires_.empty())
          return fallback();
        expect.statuses = plan_.nonce_status;
        return accepted_wires_[n % accepted_wires_.size()];
      case Kind::kReusedNonce: {
        if (accepted_nonces_.empty())
          return fallback();
        auto o = sign_options(v3, n / 2);
        o.nonce = accepted_nonces_[n % accepted_nonces_.size()];
        expect.statuses = plan_.nonce_status;
        return wire_of(signed_request(plan_.base, o, creds_, expect));
      }
      case Kind::kMissingParameter:
        if (plan_.missing_param.empty())
          return fallback();
        expect.statuses = plan_.missing_status;
        return wire_of(signed_request(without(plan_.base, plan_.missing_param),
                                      sign_options(v3, n / 2), creds_, expect));
      case Kind::kOutOfRange:
        if (plan_.range_param.empty())
          return fallback();
        expect.statuses = plan_.range_status;
        return wire_of(signed_request(with(plan_.base, plan_.range_param, plan_.range_bad),
                                      sign_options(v3, n / 2), creds_, expect));
      case Kind::kUnknownResource:
        if (plan_.exists_param.empty())
          return fallback();
        expect.statuses = plan_.exists_status;
        return wire_of(signed_request(
            with(plan_.base, plan_.exists_param, plan_.exists_missing + std::to_string(n)),
            sign_options(v3, n / 2), creds_, expect));
      case Kind::kWrongState:
        if (plan_.state_param.empty())
          return fallback();
        expect.statuses = plan_.state_status;
        return wire_of(signed_request(with(plan_.base, plan_.state_param, plan_.state_value),
                                      sign_options(v3, n / 2), creds_, expect));
      case Kind::kTokenMismatch: {
        if (plan_.mismatch_status.empty() || plan_.range_param.empty() || answered_tokens_.empty())
          return fallback();
        const auto token = answered_tokens_[n % answered_tokens_.size()];
        expect.statuses = plan_.mismatch_status;
        auto params = with(plan_.base, plan_.token_param, tokens_[token]);
        return wire_of(signed_request(with(params, plan_.range_param, plan_.range_other),
                                      sign_options(v3, n / 2), creds_, expect));
      }
      case Kind::kGarbage:
        expect.statuses = {400};
        expect.closes = true;
        return std::string("\x16\x03\x01 soak: not HTTP\r\n\r\n");
      case Kind::kOversizedHead:
        expect.statuses = {431};
        expect.closes = true;
        return "GET / HTTP/1.1\r\nHost: soak\r\nX-Soak: " +
               std::string(mock_.server().options().max_header_bytes + 1, 'a') + "\r\n\r\n";
      case Kind::kOversizedBody:
        expect.statuses = {413};
        expect.closes = true;
        return "POST / HTTP/1.1\r\nHost: soak\r\nContent-Length: " +
               std::to_string(mock_.server().options().max_body_bytes + 1) + "\r\n\r\n";
    }
    return fallback();
  }

  void start_next(Connection& c) {
    c.kind = choose_kind();
    c.expect = Expect{};
    c.out = make(c.kind, c.expect);
    c.accepted_wire = c.expect.success ? c.out : std::string();
    c.written = 0;
    c.busy = true;
    ++busy_;
    ++report_.sent;
    ++report_.by_kind[c.kind];
    flush(c);
  }

  void flush(Connection& c) {
    while (c.written < c.out.size()) {
      const auto n = ::send(c.fd, c.out.data() + c.written, c.out.size() - c.written, MSG_NOSIGNAL);
      if (n > 0) {
        c.written += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        watch_output(c, true);
        return;
      }
      // The server may close after refusing a request it has not read in full (an oversized
      // head): its answer, if any, is already in our receive buffer.
      c.written = c.out.size();
    }
    watch_output(c, false);
  }

  void on_event(Connection& c, std::uint32_t events) {
    if (!c.busy)
      return;
    if ((events & EPOLLOUT) && c.written < c.out.size())
      flush(c);
    if (!(events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
      return;
    char buffer[16384];
    bool eof = false;
    while (true) {
      const auto n = ::recv(c.fd, buffer, sizeof buffer, 0);
      if (n > 0) {
        c.in.append(buffer, static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        break;
      if (n < 0 && errno == EINTR)
        continue;
      eof = true;
      break;
    }
    std::optional<ParsedResponse> response;
    try {
      response = parse_response(c.in);
    } catch (const std::runtime_error& e) {
      note_failure(c, std::string("unparseable answer: ") + e.what());
      finish(c, false, true);
      return;
    }
    if (!response) {
      if (eof) {
        note_failure(c, "connection closed before an answer");
        finish(c, false, true);
      }
      return;
    }
    check(c, *response);
    const bool close = response->close || eof;
    c.in.erase(0, response->size);
    finish(c, true, close);
  }

  void note_failure(const Connection& c, const std::string& what) {
    if (report_.failures.size() < 20)
      report_.failures.push_back(to_string(c.kind) + ": " + what);
  }

  void check(Connection& c, const ParsedResponse& r) {
    ++report_.statuses[r.status];
    if (r.status >= 500)
      ++report_.server_errors;
    bool right = c.expect.statuses.count(r.status) > 0 && (!c.expect.closes || r.close);
    if (right && c.expect.success) {
      const std::string id = field_value(r.body, plan_.order_field);
      right = !id.empty();
      if (right && c.expect.token) {
        auto& known = token_ids_[*c.expect.token];
        if (known.empty()) {
          known = id;
          answered_tokens_.push_back(*c.expect.token);
        } else if (known != id) {
          ++report_.tokens_with_differing_ids;
          note_failure(c, "token " + tokens_[*c.expect.token] + " answered with order " + id +
                              " after order " + known);
        }
      }
      if (right) {
        remember(accepted_wires_, c.accepted_wire);
        remember(accepted_nonces_, c.expect.nonce);
      }
    }
    if (!right) {
      ++report_.wrong_answers;
      std::string expected;
      for (int s : c.expect.statuses)
        expected += (expected.empty() ? "" : "/") + std::to_string(s);
      note_failure(
          c, "answered " + std::to_string(r.status) + (r.close ? " (closed)" : "") + ", expected " +
                 expected + (c.expect.closes ? " and a close" : "") +
                 (plan_.code_field.empty() ? std::string()
                                           : ", code " + field_value(r.body, plan_.code_field)));
    }
  }

  static void remember(std::deque<std::string>& pool, const std::string& item) {
    pool.push_back(item);
    if (pool.size() > 64)
      pool.pop_front();
  }

  void finish(Connection& c, bool answered, bool reconnect) {
    c.busy = false;
    --busy_;
    if (answered) {
      ++report_.answered;
    } else {
      ++report_.unanswered;
    }
    if ((report_.answered + report_.unanswered) % sample_every_ == 0)
      sample_rss();
    if (reconnect) {
      ++report_.reconnects;
      connect(c);
    }
    if (report_.sent < options_.requests)
      start_next(c);
  }

  void sample_rss() {
    const RssSample s{report_.answered, rss_kib()};
    report_.rss.push_back(s);
    if (options_.on_sample)
      options_.on_sample(s.answered, s.rss_kib);
  }

  void final_checks() {
    auto& fail = report_.failures;
    if (report_.sent != report_.answered || report_.unanswered > 0) {
      fail.push_back(std::to_string(report_.sent) + " requests sent, " +
                     std::to_string(report_.answered) + " answered");
    }
    if (report_.wrong_answers > 0)
      fail.push_back(std::to_string(report_.wrong_answers) + " wrong answers");
    if (report_.server_errors > 0)
      fail.push_back(std::to_string(report_.server_errors) + " answers with a 5xx status");

    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < tokens_.size(); ++i)
      index[tokens_[i]] = i;
    std::vector<std::size_t> orders(tokens_.size(), 0);
    for (const auto& record : mock_.service().state().created()) {
      if (!record.client_token)
        continue;
      const auto it = index.find(*record.client_token);
      if (it == index.end())
        continue;
      ++report_.orders_with_token;
      ++orders[it->second];
      const auto& seen = token_ids_[it->second];
      if (!seen.empty() && seen != record.id) {
        fail.push_back("token " + *record.client_token + ": the mock recorded order " + record.id +
                       ", the answers named " + seen);
      }
    }
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const bool answered = !token_ids_[i].empty();
      report_.tokens_used += answered ? 1 : 0;
      if (orders[i] > 1)
        ++report_.tokens_with_extra_orders;
      if (answered && orders[i] == 0)
        fail.push_back("token " + tokens_[i] + " was answered but the mock holds no order for it");
    }
    if (report_.tokens_with_extra_orders > 0) {
      fail.push_back(std::to_string(report_.tokens_with_extra_orders) +
                     " tokens have more than one order");
    }
    if (report_.orders_with_token != report_.tokens_used) {
      fail.push_back(std::to_string(report_.orders_with_token) + " orders for " +
                     std::to_string(report_.tokens_used) + " distinct tokens");
    }

    report_.state = mock_.service().state().sizes();
    const auto& limits = mock_.service().state().limits();
    if (report_.state.nonces > limits.max_nonces || report_.state.records > limits.max_records)
      fail.push_back("the mock holds more nonces or records than its limits");

    const auto warm_at =
        static_cast<std::uint64_t>(options_.warmup_share * double(options_.requests));
    for (const auto& s : report_.rss) {
      if (s.answered >= warm_at) {
        report_.rss_warm_kib = s.rss_kib;
        break;
      }
    }
    report_.rss_end_kib = report_.rss.empty() ? 0 : report_.rss.back().rss_kib;
    long peak_after_warm = 0;
    for (const auto& s : report_.rss) {
      if (s.answered >= warm_at)
        peak_after_warm = std::max(peak_after_warm, s.rss_kib);
    }
    if (report_.rss_warm_kib > 0 && peak_after_warm - report_.rss_warm_kib > max_rss_growth_kib_) {
      fail.push_back("RSS grew by " + std::to_string(peak_after_warm - report_.rss_warm_kib) +
                     " KiB after the warm-up (" + std::to_string(report_.rss_warm_kib) + " -> " +
                     std::to_string(peak_after_warm) + " KiB at its peak), more than the " +
                     std::to_string(max_rss_growth_kib_) + " KiB allowed");
    }
  }

  mock::EmbeddedMock& mock_;
  const Options options_;
  const long max_rss_growth_kib_;
  const spec::Operation& op_;
  const Plan plan_;
  const client::Endpoint endpoint_;
  client::Credentials creds_;
  std::string run_tag_;
  std::mt19937_64 random_;
  std::vector<std::string> tokens_;
  std::vector<std::string> token_ids_;  // the order ID each token was first answered with
  std::vector<std::size_t> answered_tokens_;
  std::deque<std::string> accepted_wires_;
  std::deque<std::string> accepted_nonces_;
  std::uint64_t valid_with_token_ = 0;
  std::vector<Connection> connections_;
  int epoll_ = -1;
  std::size_t busy_ = 0;
  std::uint64_t sample_every_ = 1;
  Report report_;
};

}  // namespace

std::string to_string(Kind kind) {
  switch (kind) {
    case Kind::kValidV1:
      return "valid-v1";
    case Kind::kValidV3:
      return "valid-v3";
    case Kind::kValidNoToken:
      return "valid-no-token";
    case Kind::kWrongSecret:
      return "wrong-secret";
    case Kind::kUnknownKey:
      return "unknown-key";
    case Kind::kTampered:
      return "tampered";
    case Kind::kStaleTimestamp:
      return "stale-timestamp";
    case Kind::kFutureTimestamp:
      return "future-timestamp";
    case Kind::kReplay:
      return "replay";
    case Kind::kReusedNonce:
      return "reused-nonce";
    case Kind::kMissingParameter:
      return "missing-parameter";
    case Kind::kOutOfRange:
      return "out-of-range";
    case Kind::kUnknownResource:
      return "unknown-resource";
    case Kind::kWrongState:
      return "wrong-state";
    case Kind::kTokenMismatch:
      return "token-mismatch";
    case Kind::kGarbage:
      return "garbage";
    case Kind::kOversizedHead:
      return "oversized-head";
    case Kind::kOversizedBody:
      return "oversized-body";
  }
  return "?";
}

Report run(mock::EmbeddedMock& mock, const Options& options, long max_rss_growth_kib) {
  Driver driver(mock, options, max_rss_growth_kib);
  return driver.run();
}

long rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0)
      return std::stol(line.substr(6));
  }
  return 0;
}

std::string summary(const Report& r) {
  std::string out;
  const auto line = [&](const std::string& text) { out += text + "\n"; };
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f s, %.0f req/s", r.seconds, r.requests_per_second());
  line("soak: " + std::to_string(r.sent) + " sent, " + std::to_string(r.answered) + " answered, " +
       std::to_string(r.unanswered) + " unanswered, " + std::to_string(r.wrong_answers) +
       " wrong, " + std::to_string(r.server_errors) + " 5xx; " + rate + "; " +
       std::to_string(r.reconnects) + " reconnects");
  std::string kinds;
  for (const auto& [kind, n] : r.by_kind)
    kinds += (kinds.empty() ? "" : " ") + to_string(kind) + "=" + std::to_string(n);
  line("  kinds: " + kinds);
  std::string statuses;
  for (const auto& [status, n] : r.statuses)
    statuses += (statuses.empty() ? "" : " ") + std::to_string(status) + "x" + std::to_string(n);
  line("  statuses: " + statuses);
  line("  tokens answered: " + std::to_string(r.tokens_used) +
       ", orders with those tokens in the mock: " + std::to_string(r.orders_with_token) +
       ", tokens with extra orders: " + std::to_string(r.tokens_with_extra_orders) +
       ", tokens answered with differing IDs: " + std::to_string(r.tokens_with_differing_ids));
  line("  mock state: " + std::to_string(r.state.nonces) + " nonces held (" +
       std::to_string(r.state.nonces_evicted) + " evicted early), " +
       std::to_string(r.state.records) + " records held (" +
       std::to_string(r.state.records_created) + " created, " +
       std::to_string(r.state.records_evicted) + " forgotten)");
  std::string rss;
  for (const auto& s : r.rss)
    rss += (rss.empty() ? "" : " ") + std::to_string(s.answered) + ":" + std::to_string(s.rss_kib);
  line("  RSS KiB after warm-up " + std::to_string(r.rss_warm_kib) + ", at the end " +
       std::to_string(r.rss_end_kib) + "; series (answered:KiB) " + rss);
  for (const auto& f : r.failures)
    line("  FAILED: " + f);
  return out;
}

}  // namespace conform::soak
