#include "mock/state.h"

#include <algorithm>

namespace conform::mock {

MockState::MockState(InitialResources initial, StateLimits limits,
                     std::shared_ptr<NonceMemory> nonces)
    : limits_(limits),
      initial_(std::move(initial)),
      nonces_(nonces ? std::move(nonces) : std::make_shared<NonceMemory>()) {
  reset();
}

std::optional<std::string> MockState::state_of(const std::string& resource,
                                               const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = resources_.find({resource, id});
  if (it == resources_.end())
    return std::nullopt;
  return it->second.state;
}

bool MockState::fails(const std::string& resource, const std::string& id,
                      const std::string& rule_id) const {
  std::lock_guard lock(mutex_);
  auto it = resources_.find({resource, id});
  return it != resources_.end() && std::find(it->second.fails.begin(), it->second.fails.end(),
                                             rule_id) != it->second.fails.end();
}

void MockState::set(const ResourceRecord& record) {
  std::lock_guard lock(mutex_);
  resources_[{record.resource, record.id}] = record;
}

bool MockState::remove(const std::string& resource, const std::string& id) {
  std::lock_guard lock(mutex_);
  return resources_.erase({resource, id}) > 0;
}

std::vector<ResourceRecord> MockState::resources() const {
  std::lock_guard lock(mutex_);
  std::vector<ResourceRecord> out;
  for (const auto& [key, record] : resources_)
    out.push_back(record);
  return out;
}

std::vector<CreatedRecord> MockState::created() const {
  std::lock_guard lock(mutex_);
  std::vector<CreatedRecord> out;
  out.reserve(created_.size());
  for (const auto& [number, record] : created_)
    out.push_back(record);
  return out;
}

std::vector<CreatedRecord> MockState::created_with_token(const std::string& token) const {
  std::lock_guard lock(mutex_);
  std::vector<CreatedRecord> out;
  for (const auto& [number, record] : created_) {
    if (record.client_token == token)
      out.push_back(record);
  }
  return out;
}

void MockState::reset() {
  std::lock_guard lock(mutex_);
  resources_.clear();
  for (const auto& r : initial_.records)
    resources_[{r.resource, r.id}] = r;
  created_.clear();
  without_token_.clear();
  with_token_.clear();
  next_record_ = 0;
  records_evicted_ = 0;
  by_token_.clear();
  quota_window_.clear();
}

NonceStore::Freshness MockState::use_nonce(const std::string& access_key_id,
                                           const std::string& nonce, Clock::time_point request_time,
                                           Clock::time_point now, std::chrono::seconds window,
                                           std::chrono::seconds skew) {
  std::lock_guard lock(nonces_->mutex);
  return nonces_->store.use(access_key_id, nonce, request_time, now,
                            {window, skew, limits_.max_nonces});
}

bool MockState::take_quota(int requests, std::chrono::seconds per, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  while (!quota_window_.empty() && now - quota_window_.front() >= per)
    quota_window_.pop_front();
  if (quota_window_.size() >= static_cast<std::size_t>(requests))
    return false;
  quota_window_.push_back(now);
  return true;
}

MockState::Creation MockState::create_once(const std::string& access_key_id,
                                           const std::optional<std::string>& token,
                                           const sign::Params& params,
                                           const std::function<CreatedRecord()>& make) {
  std::lock_guard lock(mutex_);
  if (token) {
    if (auto it = by_token_.find({access_key_id, *token}); it != by_token_.end()) {
      const auto& prior = created_.at(it->second);
      return {prior, true, prior.params != params};
    }
  }
  if (created_.size() >= std::max<std::size_t>(limits_.max_records, 1))
    forget_oldest_record();
  const auto number = next_record_++;
  const auto& record = created_.emplace(number, make()).first->second;
  if (token) {
    by_token_[{access_key_id, *token}] = number;
    with_token_.push_back(number);
  } else {
    without_token_.push_back(number);
  }
  return {record, false, false};
}

void MockState::forget_oldest_record() {
  // Records without a token only serve the control API's listing; a token's record is what keeps
  // a retry from creating a second order, so it goes last.
  auto& queue = without_token_.empty() ? with_token_ : without_token_;
  const auto it = created_.find(queue.front());
  queue.pop_front();
  if (it->second.client_token)
    by_token_.erase({it->second.access_key_id, *it->second.client_token});
  created_.erase(it);
  ++records_evicted_;
}

StateSizes MockState::sizes() const {
  StateSizes out;
  {
    std::lock_guard lock(mutex_);
    out.records = created_.size();
    out.tokens = by_token_.size();
    out.records_created = next_record_;
    out.records_evicted = records_evicted_;
    out.quota_window = quota_window_.size();
  }
  std::lock_guard lock(nonces_->mutex);
  out.nonces = nonces_->store.size();
  out.nonces_evicted = nonces_->store.evicted();
  out.nonce_horizon = nonces_->store.horizon();
  return out;
}

}  // namespace conform::mock
