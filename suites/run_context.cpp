#include "suites/run_context.h"

#include <random>
#include <stdexcept>

namespace conform::suite {
namespace {

RunContext* g_current = nullptr;

}  // namespace

RunContext::RunContext(std::unique_ptr<Session> session, std::uint64_t seed)
    : session_(std::move(session)), seed_(seed) {
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
  report::SentRequest sent;
  for (const auto& p : probe.params)
    sent.parameters.emplace_back(p.name, p.value);
  sent.predicted_success = expected.kind == Expectation::Kind::kSuccess;
  if (expected.kind == Expectation::Kind::kRejection)
    sent.broken_rule = expected.rule_id;
  std::lock_guard lock(mutex_);
  sent_.push_back(std::move(sent));
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
