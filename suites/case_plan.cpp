#include "suites/case_plan.h"

#include <algorithm>
#include <memory>
#include <set>

namespace conform::suite {
namespace {

constexpr int kPlansPerInFlight = 4;

// The client token values a plan sends: two plans that share one must keep their order.
std::vector<std::string> tokens_of(const spec::Operation& op, const CasePlan& plan) {
  std::vector<std::string> out;
  if (!op.idempotency)
    return out;
  for (const auto& step : plan.steps) {
    for (const auto& p : step.probe.params) {
      if (p.name == op.idempotency->token)
        out.push_back(p.value);
    }
  }
  return out;
}

// Sends the plans [begin, end), which share no client token: the first steps at once, then the
// second steps, each after its own first.
void send_segment(RunningCheck& check, const std::vector<const CasePlan*>& plans, std::size_t begin,
                  std::size_t end, std::vector<SentPlan>& out) {
  std::vector<std::string> nonces(end - begin);
  for (std::size_t round = 0; round < 2; ++round) {
    std::vector<Session::Outgoing> batch;
    std::vector<std::size_t> owner;  // the plan of each request in the batch
    for (std::size_t i = begin; i < end; ++i) {
      const auto& steps = plans[i]->steps;
      if (steps.size() <= round)
        continue;
      out[i].emplace_back();
      const auto& step = steps[round];
      if (check.held_back(step.probe))
        continue;  // record_plan records it as not sent
      Session::Outgoing o{&step.probe, step.expected.kind == Expectation::Kind::kSuccess, {}};
      if (round > 0 && plans[i]->reuses_nonce && !nonces[i - begin].empty())
        o.reused_nonce = nonces[i - begin];
      batch.push_back(std::move(o));
      owner.push_back(i);
    }
    if (batch.empty())
      continue;
    auto answers = check.session().send_batch(batch);
    for (std::size_t k = 0; k < answers.size(); ++k) {
      const auto i = owner[k];
      out[i].back() = std::move(answers[k].exchange);
      nonces[i - begin] = std::move(answers[k].nonce);
    }
  }
}

}  // namespace

int plans_per_batch(const Session& session) {
  const int n = session.in_flight();
  return n <= 1 ? 1 : n * kPlansPerInFlight;
}

CaseOutcome run_plan(RunningCheck& check, const CasePlan& plan) {
  CaseOutcome last;
  for (const auto& step : plan.steps)
    last = check.run_case(step.description, step.probe, step.expected);
  return last;
}

std::vector<SentPlan> send_plans(RunningCheck& check, const std::vector<const CasePlan*>& plans) {
  std::vector<SentPlan> out(plans.size());
  const auto& op = check.op();
  std::size_t begin = 0;
  while (begin < plans.size()) {
    std::set<std::string> tokens;
    std::size_t end = begin;
    for (; end < plans.size(); ++end) {
      const auto mine = tokens_of(op, *plans[end]);
      if (end > begin && std::any_of(mine.begin(), mine.end(),
                                     [&](const std::string& t) { return tokens.count(t) > 0; }))
        break;
      tokens.insert(mine.begin(), mine.end());
    }
    send_segment(check, plans, begin, end, out);
    begin = end;
  }
  return out;
}

std::future<std::vector<SentPlan>> send_plans_async(RunningCheck& check,
                                                    std::vector<const CasePlan*> plans) {
  auto task = std::make_shared<std::packaged_task<std::vector<SentPlan>()>>(
      [&check, plans = std::move(plans)] { return send_plans(check, plans); });
  auto sent = task->get_future();
  check.session().send_thread().post([task] { (*task)(); });
  return sent;
}

CaseOutcome record_plan(RunningCheck& check, const CasePlan& plan, SentPlan sent) {
  CaseOutcome last;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    last = check.record_sent(step.description, step.probe, step.expected, std::move(sent.at(i)));
  }
  return last;
}

}  // namespace conform::suite
