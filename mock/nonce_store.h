#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace conform::mock {

/// The nonces of accepted requests, so that a replay is refused, in bounded memory.
///
/// An entry is kept until a replay of its request would fail the timestamp check anyway (request
/// time + skew) and at least the protocol's nonce window after its first use. When `capacity`
/// entries are held, the entry closest to expiry is evicted early and the store's horizon rises
/// to that entry's request time: from then on every request whose time is not after the horizon
/// is refused as a possible replay. A replay is therefore never accepted, whatever the load; the
/// price of a full store is that requests older than the horizon are refused, which at the
/// default capacity only happens under a sustained load far beyond what a conformance run sends.
/// Not thread-safe: MockState serialises the calls.
class NonceStore {
 public:
  struct Limits {
    std::chrono::seconds window{900};  // the protocol's nonce window
    std::chrono::seconds skew{900};    // the protocol's timestamp skew
    std::size_t capacity = 50'000;
  };
  using TimePoint = std::chrono::system_clock::time_point;

  enum class Freshness {
    kFresh,          // recorded; the request may proceed
    kUsed,           // this key used this nonce and the entry is still held
    kBeforeHorizon,  // evicted entries may have had this nonce: refused
  };

  /// Checks and, when fresh, records the nonce. `request_time` is the time the request claims
  /// (its signed timestamp), `now` the server's clock.
  Freshness use(std::string_view access_key_id, std::string_view nonce, TimePoint request_time,
                TimePoint now, const Limits& limits);

  void clear();
  std::size_t size() const { return keys_.size(); }
  std::optional<TimePoint> horizon() const { return horizon_; }
  std::uint64_t evicted() const { return evicted_; }

 private:
  struct Entry {
    TimePoint expiry;
    TimePoint request_time;
    const std::string* key;  // into keys_: nodes of an unordered_set never move
  };
  struct ExpiresLater {
    bool operator()(const Entry& a, const Entry& b) const { return a.expiry > b.expiry; }
  };

  void drop_top();

  std::unordered_set<std::string> keys_;
  std::priority_queue<Entry, std::vector<Entry>, ExpiresLater> by_expiry_;
  std::optional<TimePoint> horizon_;
  std::uint64_t evicted_ = 0;
};

}  // namespace conform::mock
