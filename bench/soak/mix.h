#pragma once

// What the soak sends: each request drawn from the generators' cases (valid ones, each rule and
// protocol check broken alone), signed by the client, with the judge's expectation for it. Only
// the soak's own kinds are made here: a token shared by a burst of valid requests (the race),
// that token again with other parameters, an accepted request's exact bytes again, and the three
// byte strings only the raw sender can send.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "bench/soak/soak.h"
#include "client/credentials.h"
#include "client/request.h"
#include "client/request_builder.h"
#include "generators/case.h"
#include "mock/embedded_mock.h"
#include "suites/judge.h"
#include "suites/probe.h"

namespace conform::bench::soak {

/// One request of the soak and what must answer it.
struct Item {
  std::string kind;         // the generators' break, or one of the soak's own kinds
  client::Request request;  // sent by the client unless `raw` is set
  std::string raw;          // bytes for the raw sender
  int raw_status = 0;       // the HTTP layer's answer to them (no spec rule covers raw bytes)
  suite::Expectation expected;
  std::string format = "JSON";
  std::optional<std::size_t> token;  // index of the racing token
  std::string nonce;
};

class Mix {
 public:
  /// Draws the case pools from the generators. Throws std::runtime_error when the spec gives the
  /// soak nothing to race (no client token, no valid case).
  Mix(mock::EmbeddedMock& mock, const Options& options);

  Item next();

  /// An answer judged as expected to a valid request: its bytes and nonce may be replayed.
  void accepted(const Item& item);
  /// A racing token's first success: it may now be reused with other parameters.
  void token_answered(std::size_t token) { answered_tokens_.push_back(token); }

  const std::vector<std::string>& tokens() const { return tokens_; }
  const spec::Operation& op() const { return *op_; }

 private:
  struct Group {
    std::string kind;
    std::vector<gen::Case> cases;
    std::size_t next = 0;
  };

  Item valid_without_token();
  Item racing(bool v1);
  Item invalid(Group& group);
  Item replay();
  Item token_mismatch();
  Item raw(const char* kind, std::string bytes, int status) const;
  Item signed_item(std::string kind, const suite::Probe& probe, suite::Expectation expected,
                   const std::optional<std::string>& reused_nonce = std::nullopt) const;
  void set_token(sign::Params& params, const std::string& value) const;

  std::shared_ptr<const spec::Operation> op_;
  Options options_;
  client::Endpoint endpoint_;
  client::Credentials credentials_;
  std::size_t max_header_bytes_ = 0;
  std::size_t max_body_bytes_ = 0;
  std::mt19937_64 random_;
  std::string run_tag_;
  std::vector<std::string> tokens_;

  std::vector<suite::Probe> valid_;  // valid requests without a client token
  std::size_t next_valid_ = 0;
  suite::Probe race_;                     // the racing tokens' request
  std::optional<suite::Probe> mismatch_;  // the same token, other parameters
  std::optional<suite::Expectation> mismatch_expected_;
  std::optional<suite::Expectation> replay_expected_;  // the nonce rule's rejection
  std::vector<Group> groups_;                          // invalid cases by break

  std::uint64_t drawn_ = 0;
  std::uint64_t valid_with_token_ = 0;
  std::vector<std::size_t> answered_tokens_;
  std::deque<std::pair<client::Request, std::string>> accepted_requests_;  // with its format
  std::deque<std::string> accepted_nonces_;
};

}  // namespace conform::bench::soak
