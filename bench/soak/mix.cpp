#include "bench/soak/mix.h"

#include <rapidcheck/Random.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "client/clock.h"
#include "generators/random_cases.h"
#include "generators/systematic.h"
#include "mock/fixtures.h"
#include "mock/key_store.h"
#include "suites/case_adapter.h"
#include "suites/sign_probe.h"

namespace conform::bench::soak {
namespace {

// Random valid cases drawn on top of the systematic ones, so the valid requests vary beyond the
// enumerated values.
constexpr std::uint64_t kRandomValidCases = 64;
// Replay and reused-nonce pools: recent enough to be inside the mock's nonce memory.
constexpr std::size_t kHistory = 64;

gen::Fixtures fixtures_of(const mock::InitialResources& records) {
  gen::Fixtures out;
  for (const auto& r : records.records) {
    auto& fixture = out.resources[r.resource];
    if (!r.fails.empty()) {
      for (const auto& rule : r.fails)
        fixture.failing[rule].push_back(r.id);
    } else if (r.state.empty()) {
      fixture.ids.push_back(r.id);
    } else {
      fixture.by_state[r.state].push_back(r.id);
    }
  }
  return out;
}

// The kind of an invalid case: its protocol break, else the rule it breaks.
std::string kind_of(const gen::Case& c) {
  if (c.tamper == gen::Tamper::kNone)
    return c.rule_id;
  std::string kind(gen::to_string(c.tamper));
  std::replace(kind.begin(), kind.end(), ' ', '-');
  return kind;
}

template <typename T>
void remember(std::deque<T>& pool, T item) {
  pool.push_back(std::move(item));
  if (pool.size() > kHistory)
    pool.pop_front();
}

}  // namespace

Mix::Mix(mock::EmbeddedMock& mock, const Options& options)
    : op_(mock.service().shared_operation()),
      options_(options),
      endpoint_(client::parse_endpoint(mock.url())),
      credentials_{std::string(mock::kTestAccessKeyId),
                   std::string(mock::kTestAccessKeySecret),
                   std::nullopt,
                   {}},
      max_header_bytes_(mock.server().options().max_header_bytes),
      max_body_bytes_(mock.server().options().max_body_bytes),
      random_(options.seed),
      run_tag_(client::random_uuid().substr(0, 8)) {
  if (!op_->idempotency)
    throw std::runtime_error("soak: the operation has no client token to race");
  for (std::size_t i = 0; i < std::max<std::size_t>(1, options.tokens); ++i)
    tokens_.push_back("soak-" + run_tag_ + "-" + std::to_string(i));
  const auto fixtures = fixtures_of(mock::default_fixtures(*op_));

  for (const auto& c : gen::valid_cases(*op_, fixtures).cases) {
    if (c.kind == gen::CaseKind::kValid)
      valid_.push_back(suite::to_probe(c));
  }
  try {
    const auto draw = gen::valid_case(op_, fixtures);
    for (std::uint64_t i = 0; i < kRandomValidCases; ++i)
      valid_.push_back(suite::to_probe(draw(rc::Random(options.seed + i), 50).value()));
  } catch (const std::invalid_argument&) {
    // The fixtures cannot make a random valid case: the systematic ones still run.
  }
  if (valid_.empty())
    throw std::runtime_error("soak: the generators made no valid case from the spec");
  for (auto& probe : valid_) {
    const auto& token = op_->idempotency->token;
    std::erase_if(probe.params, [&](const sign::Param& p) { return p.name == token; });
  }

  // The race uses the generators' token-reuse case: its first request for every token, its
  // second (other parameters) for a token already answered.
  race_ = valid_.front();
  for (const auto& c : gen::observation_cases(*op_, fixtures).cases) {
    if (c.reuse != gen::TokenReuse::kDifferentRequest)
      continue;
    race_ = suite::to_probe(c);
    mismatch_ = race_;
    mismatch_->params.clear();
    for (const auto& p : c.reuse_params)
      mismatch_->params.push_back({p.name, p.value});
    // The contract may leave this answer unsettled; its predicted answers still pass, and
    // another answer is an observation rather than a wrong answer.
    mismatch_expected_ = suite::Expectation{suite::Expectation::Kind::kRejection, c.rule_id,
                                            c.accepted, c.settled, c.rejection_settled};
  }

  for (const auto& c : gen::invalid_cases(*op_, fixtures).cases) {
    if (c.kind != gen::CaseKind::kInvalid || c.reuse != gen::TokenReuse::kNone)
      continue;
    const auto kind = kind_of(c);
    auto group = std::find_if(groups_.begin(), groups_.end(),
                              [&](const Group& g) { return g.kind == kind; });
    if (group == groups_.end())
      group = groups_.insert(groups_.end(), Group{kind, {}, 0});
    group->cases.push_back(c);
  }
  for (const auto& rule : op_->rules) {
    if (rule.check == spec::Check::kNonceUnique)
      replay_expected_ = suite::Expectation::rejection(*op_, rule);
  }
}

Item Mix::next() {
  const std::uint64_t n = drawn_++;
  std::uniform_real_distribution<double> share(0.0, 1.0);
  if (share(random_) >= options_.invalid_share) {
    const double r = share(random_);
    return r < 0.05 ? valid_without_token() : racing(r < 0.525);
  }
  // Each break and each soak kind weighs 10; the raw kinds cost a new connection each, so they
  // weigh 1.
  const int soak_kinds = 2;
  const int total = 10 * (static_cast<int>(groups_.size()) + soak_kinds) + 3;
  int pick = std::uniform_int_distribution<int>(0, total - 1)(random_);
  if (pick < 10 * static_cast<int>(groups_.size()))
    return invalid(groups_[static_cast<std::size_t>(pick / 10)]);
  pick -= 10 * static_cast<int>(groups_.size());
  if (pick < 10)
    return replay();
  if (pick < 20)
    return token_mismatch();
  switch (n % 3) {
    case 0:
      return raw(kGarbage, "\x16\x03\x01 soak: not HTTP\r\n\r\n", 400);
    case 1:
      return raw(kOversizedHead,
                 "GET / HTTP/1.1\r\nHost: soak\r\nX-Soak: " +
                     std::string(max_header_bytes_ + 1, 'a') + "\r\n\r\n",
                 431);
    default:
      return raw(kOversizedBody,
                 "POST / HTTP/1.1\r\nHost: soak\r\nContent-Length: " +
                     std::to_string(max_body_bytes_ + 1) + "\r\n\r\n",
                 413);
  }
}

void Mix::accepted(const Item& item) {
  if (item.raw.empty() && item.expected.kind == suite::Expectation::Kind::kSuccess) {
    remember(accepted_requests_, std::make_pair(item.request, item.format));
    remember(accepted_nonces_, item.nonce);
  }
}

Item Mix::valid_without_token() {
  const auto& probe = valid_[next_valid_++ % valid_.size()];
  return signed_item("valid-no-token", probe, suite::Expectation::success());
}

Item Mix::racing(bool v1) {
  const std::size_t token =
      (valid_with_token_++ / std::max<std::size_t>(1, options_.token_burst)) % tokens_.size();
  auto probe = race_;
  probe.scheme = v1 ? client::SignatureVersion::kV1 : client::SignatureVersion::kV3;
  set_token(probe.params, tokens_[token]);
  auto item = signed_item(v1 ? "valid-v1" : "valid-v3", probe, suite::Expectation::success());
  item.token = token;
  return item;
}

Item Mix::invalid(Group& group) {
  const auto& c = group.cases[group.next++ % group.cases.size()];
  auto probe = suite::to_probe(c);
  std::optional<std::string> nonce;
  if (c.tamper == gen::Tamper::kReusedNonce) {
    if (accepted_nonces_.empty())
      return valid_without_token();
    nonce = accepted_nonces_[drawn_ % accepted_nonces_.size()];
  }
  // A token of its own, as the suites give each case: a token repeated with other parameters
  // would meet the reused-token rule instead of the rule the case breaks.
  for (auto& p : probe.params) {
    if (p.name == op_->idempotency->token)
      p.value += "-soak-" + std::to_string(drawn_);
  }
  return signed_item(group.kind, probe, suite::expectation_of(c), nonce);
}

Item Mix::replay() {
  if (accepted_requests_.empty() || !replay_expected_)
    return valid_without_token();
  Item item;
  item.kind = kReplay;
  std::tie(item.request, item.format) = accepted_requests_[drawn_ % accepted_requests_.size()];
  item.expected = *replay_expected_;
  return item;
}

Item Mix::token_mismatch() {
  if (!mismatch_ || answered_tokens_.empty())
    return valid_without_token();
  const auto token = answered_tokens_[drawn_ % answered_tokens_.size()];
  auto probe = *mismatch_;
  set_token(probe.params, tokens_[token]);
  return signed_item(kTokenMismatch, probe, *mismatch_expected_);
}

Item Mix::raw(const char* kind, std::string bytes, int status) const {
  Item item;
  item.kind = kind;
  item.raw = std::move(bytes);
  item.raw_status = status;
  return item;
}

Item Mix::signed_item(std::string kind, const suite::Probe& probe, suite::Expectation expected,
                      const std::optional<std::string>& reused_nonce) const {
  auto signed_probe = suite::sign_probe(*op_, endpoint_, credentials_, probe, reused_nonce);
  Item item;
  item.kind = std::move(kind);
  item.request = std::move(signed_probe.request);
  item.nonce = std::move(signed_probe.nonce);
  item.expected = std::move(expected);
  item.format = probe.format;
  return item;
}

void Mix::set_token(sign::Params& params, const std::string& value) const {
  const auto& name = op_->idempotency->token;
  for (auto& p : params) {
    if (p.name == name) {
      p.value = value;
      return;
    }
  }
  params.push_back({name, value});
}

}  // namespace conform::bench::soak
