#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/sign/params.h"
#include "mock/fixtures.h"
#include "mock/nonce_store.h"

namespace conform::mock {

using Clock = std::chrono::system_clock;

/// Something a successful call created, with the values its response carried, so a replay with
/// the same client token can answer with exactly the same body.
struct CreatedRecord {
  std::string kind;  // what the spec says the operation creates
  std::string id;    // the value of the response field that identifies it
  std::string access_key_id;
  std::optional<std::string> client_token;
  sign::Params params;                        // the operation parameters, sorted
  std::map<std::string, std::string> values;  // generated response values by dotted path
  Clock::time_point created;
};

/// How much per-request memory the mock may hold, so that a long run stays in bounded memory.
struct StateLimits {
  /// Remembered nonces; see NonceStore for what happens when it is full.
  std::size_t max_nonces = 50'000;
  /// Created records. Beyond it the oldest record without a client token is forgotten first, then
  /// the oldest with one (a replay of a forgotten token then creates a new record).
  std::size_t max_records = 10'000;
};

/// Sizes of the per-request stores, for soak checks and the control API.
struct StateSizes {
  std::size_t nonces = 0;
  std::uint64_t nonces_evicted = 0;
  std::optional<Clock::time_point> nonce_horizon;
  std::size_t records = 0;
  std::size_t tokens = 0;
  std::uint64_t records_created = 0;
  std::uint64_t records_evicted = 0;
  std::size_t quota_window = 0;
};

/// Nonces seen by one endpoint. Shared by every operation an endpoint serves: the service refuses a
/// nonce reused on another operation as it does on the same one.
struct NonceMemory {
  std::mutex mutex;
  NonceStore store;
};

/// The mock's mutable world: resources and their states, what calls created, used nonces and the
/// quota window. Every method is thread-safe; the server calls from several I/O threads.
class MockState {
 public:
  /// `nonces`: the endpoint's nonce memory, shared with its other operations; a fresh one if null.
  explicit MockState(InitialResources initial, StateLimits limits = {},
                     std::shared_ptr<NonceMemory> nonces = nullptr);

  /// nullopt: no such resource; "" for an existing resource without states.
  std::optional<std::string> state_of(const std::string& resource, const std::string& id) const;
  /// Whether the resource exists and its record says it fails the service rule `rule_id`.
  bool fails(const std::string& resource, const std::string& id, const std::string& rule_id) const;
  void set(const ResourceRecord& record);
  bool remove(const std::string& resource, const std::string& id);
  std::vector<ResourceRecord> resources() const;
  std::vector<CreatedRecord> created() const;
  /// The records a client token created, whatever the key: a run's own lookup, without copying
  /// every record the run made.
  std::vector<CreatedRecord> created_with_token(const std::string& token) const;

  /// Back to the initial fixtures, nothing created, an empty quota window. Used nonces are kept:
  /// forgetting them would let a request accepted before the reset be replayed after it.
  void reset();

  /// Records the nonce of a request that claims `request_time`, unless it may be a replay.
  NonceStore::Freshness use_nonce(const std::string& access_key_id, const std::string& nonce,
                                  Clock::time_point request_time, Clock::time_point now,
                                  std::chrono::seconds window, std::chrono::seconds skew);

  /// Sliding-window quota: false when `requests` were already taken in the last `per`.
  bool take_quota(int requests, std::chrono::seconds per, Clock::time_point now);

  struct Creation {
    CreatedRecord record;
    bool replayed = false;       // an earlier call with this token created it
    bool params_differ = false;  // ... and that call had other parameters
  };
  /// Looks up the client token and, only when it is new (or absent), calls `make` and stores the
  /// result, all under one lock, so concurrent duplicates create exactly one record.
  Creation create_once(const std::string& access_key_id, const std::optional<std::string>& token,
                       const sign::Params& params, const std::function<CreatedRecord()>& make);

  StateSizes sizes() const;
  const StateLimits& limits() const { return limits_; }

 private:
  using Key = std::pair<std::string, std::string>;  // resource, id
  void forget_oldest_record();

  const StateLimits limits_;
  mutable std::mutex mutex_;
  InitialResources initial_;
  std::map<Key, ResourceRecord> resources_;
  std::map<std::uint64_t, CreatedRecord> created_;  // by creation number, oldest first
  std::deque<std::uint64_t> without_token_;         // creation numbers, oldest first
  std::deque<std::uint64_t> with_token_;
  std::uint64_t next_record_ = 0;
  std::uint64_t records_evicted_ = 0;
  std::map<Key, std::uint64_t> by_token_;  // (access key, token) -> creation number
  // Its own lock: every authenticated call takes it, and it need not wait for the records.
  std::shared_ptr<NonceMemory> nonces_;
  std::deque<Clock::time_point> quota_window_;
};

}  // namespace conform::mock
