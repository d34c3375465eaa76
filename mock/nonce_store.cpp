#include "mock/nonce_store.h"

#include <algorithm>

namespace conform::mock {

void NonceStore::drop_top() {
  keys_.erase(*by_expiry_.top().key);
  by_expiry_.pop();
}

NonceStore::Freshness NonceStore::use(std::string_view access_key_id, std::string_view nonce,
                                      TimePoint request_time, TimePoint now, const Limits& limits) {
  while (!by_expiry_.empty() && by_expiry_.top().expiry < now)
    drop_top();
  // Length-prefixed so that no (key, nonce) pair can spell another pair's entry.
  std::string key = std::to_string(access_key_id.size()) + ":";
  key.append(access_key_id).append(nonce);
  if (keys_.count(key))
    return Freshness::kUsed;
  if (keys_.size() >= std::max<std::size_t>(limits.capacity, 1)) {
    const auto evicted_time = by_expiry_.top().request_time;
    horizon_ = horizon_ ? std::max(*horizon_, evicted_time) : evicted_time;
    drop_top();
    ++evicted_;
  }
  if (horizon_ && request_time <= *horizon_)
    return Freshness::kBeforeHorizon;
  const auto expiry = std::max(request_time + limits.skew, now + limits.window);
  const auto inserted = keys_.insert(std::move(key)).first;
  by_expiry_.push({expiry, request_time, &*inserted});
  return Freshness::kFresh;
}

void NonceStore::clear() {
  keys_.clear();
  by_expiry_ = {};
  horizon_.reset();
  evicted_ = 0;
}

}  // namespace conform::mock
