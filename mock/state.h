#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/sign/params.h"
#include "mock/fixtures.h"

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

/// The mock's mutable world: resources and their states, what calls created, used nonces and the
/// quota window. Every method is thread-safe; the server calls from several I/O threads.
class MockState {
 public:
  explicit MockState(Fixtures initial);

  /// nullopt: no such resource; "" for an existing resource without states.
  std::optional<std::string> state_of(const std::string& resource, const std::string& id) const;
  void set(const ResourceRecord& record);
  bool remove(const std::string& resource, const std::string& id);
  std::vector<ResourceRecord> resources() const;
  std::vector<CreatedRecord> created() const;

  /// Back to the initial fixtures, nothing created, no nonces, an empty quota window.
  void reset();

  /// False when the nonce was used by this key within the window; otherwise records it.
  bool use_nonce(const std::string& access_key_id, const std::string& nonce, Clock::time_point now,
                 std::chrono::seconds window);

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

 private:
  using Key = std::pair<std::string, std::string>;  // resource, id
  mutable std::mutex mutex_;
  Fixtures initial_;
  std::map<Key, std::string> resources_;
  std::vector<CreatedRecord> created_;
  std::map<Key, std::size_t> by_token_;  // (access key, token) -> index in created_
  std::map<Key, Clock::time_point> nonces_;
  std::deque<std::pair<Clock::time_point, Key>> nonce_order_;  // oldest first, for expiry
  std::deque<Clock::time_point> quota_window_;
};

}  // namespace conform::mock
