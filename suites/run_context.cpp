#include "suites/run_context.h"

#include <random>
#include <stdexcept>

namespace conform::suite {
namespace {

RunContext* g_current = nullptr;

}  // namespace

RunContext::RunContext(std::unique_ptr<Session> session, std::uint64_t seed)
    : session_(std::move(session)), seed_(seed), coverage_(session_->op()) {
  // Five hex digits from the system's entropy (no longer than the seed part they replace):
  // unique per run, whatever the seed.
  static const char* kHex = "0123456789abcdef";
  auto bits = std::random_device{}();
  for (int i = 0; i < 5; ++i, bits >>= 4)
    run_token_ += kHex[bits & 0xf];
}

RunContext& RunContext::current() {
  if (!g_current)
    throw std::logic_error(
        "no conformance run is installed (run the suites through 'conform run')");
  return *g_current;
}

bool RunContext::installed() {
  return g_current != nullptr;
}
void RunContext::install(RunContext* context) {
  g_current = context;
}

void RunContext::add(report::CheckResult result) {
  std::vector<std::function<void(const report::CheckResult&)>> listeners;
  {
    std::lock_guard lock(mutex_);
    results_.push_back(result);
    listeners = listeners_;
  }
  for (const auto& l : listeners)
    l(result);
}

void RunContext::note_sent(const Probe& probe, const Expectation& expected) {
  const bool predicted_success = expected.kind == Expectation::Kind::kSuccess;
  static const std::string kNone;
  const auto& broken_rule =
      expected.kind == Expectation::Kind::kRejection ? expected.rule_id : kNone;
  spec::ParamMap params;
  for (const auto& p : probe.params)
    params.emplace(p.name, p.value);  // the first occurrence of a name counts
  std::lock_guard lock(mutex_);
  coverage_.add(params, predicted_success, broken_rule);
  if (sent_.size() < kSentSample) {
    report::SentRequest sent;
    for (const auto& p : probe.params)
      sent.parameters.emplace_back(p.name, p.value);
    sent.predicted_success = predicted_success;
    sent.broken_rule = broken_rule;
    sent_.push_back(std::move(sent));
  }
  ++sent_count_;
}

long RunContext::sent_count() const {
  std::lock_guard lock(mutex_);
  return sent_count_;
}

report::Coverage RunContext::coverage() const {
  std::lock_guard lock(mutex_);
  return coverage_.result();
}

std::vector<report::SentRequest> RunContext::sent() const {
  std::lock_guard lock(mutex_);
  return sent_;
}

std::vector<report::CheckResult> RunContext::results() const {
  std::lock_guard lock(mutex_);
  return results_;
}

}  // namespace conform::suite
