#include "mock/state.h"

namespace conform::mock {

MockState::MockState(Fixtures initial) : initial_(std::move(initial)) {
  reset();
}

std::optional<std::string> MockState::state_of(const std::string& resource,
                                               const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = resources_.find({resource, id});
  if (it == resources_.end())
    return std::nullopt;
  return it->second;
}

void MockState::set(const ResourceRecord& record) {
  std::lock_guard lock(mutex_);
  resources_[{record.resource, record.id}] = record.state;
}

bool MockState::remove(const std::string& resource, const std::string& id) {
  std::lock_guard lock(mutex_);
  return resources_.erase({resource, id}) > 0;
}

std::vector<ResourceRecord> MockState::resources() const {
  std::lock_guard lock(mutex_);
  std::vector<ResourceRecord> out;
  for (const auto& [key, state] : resources_)
    out.push_back({key.first, key.second, state});
  return out;
}

std::vector<CreatedRecord> MockState::created() const {
  std::lock_guard lock(mutex_);
  return created_;
}

void MockState::reset() {
  std::lock_guard lock(mutex_);
  resources_.clear();
  for (const auto& r : initial_.records)
    resources_[{r.resource, r.id}] = r.state;
  created_.clear();
  by_token_.clear();
  nonces_.clear();
  nonce_order_.clear();
  quota_window_.clear();
}

bool MockState::use_nonce(const std::string& access_key_id, const std::string& nonce,
                          Clock::time_point now, std::chrono::seconds window) {
  std::lock_guard lock(mutex_);
  // Forget nonces older than the window so a long soak does not grow without bound.
  while (!nonce_order_.empty() && now - nonce_order_.front().first > window) {
    auto it = nonces_.find(nonce_order_.front().second);
    if (it != nonces_.end() && it->second == nonce_order_.front().first)
      nonces_.erase(it);
    nonce_order_.pop_front();
  }
  Key key{access_key_id, nonce};
  if (!nonces_.emplace(key, now).second)
    return false;
  nonce_order_.emplace_back(now, std::move(key));
  return true;
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
      const auto& prior = created_[it->second];
      return {prior, true, prior.params != params};
    }
  }
  created_.push_back(make());
  if (token)
    by_token_[{access_key_id, *token}] = created_.size() - 1;
  return {created_.back(), false, false};
}

}  // namespace conform::mock
