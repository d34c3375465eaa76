#include "suites/generated_cases.h"

#include <algorithm>
#include <cstdio>

#include "core/spec/constraints.h"
#include "generators/values.h"
#include "suites/case_adapter.h"
#include "suites/case_plan.h"
#include "suites/requests.h"

namespace conform::suite {
namespace {

// Every case gets client tokens of its own: otherwise two cases that happen to draw the same token
// with other parameters (or the same case in an earlier run against a real endpoint) would meet
// the reused-token rule instead of the rule they test. The drawn characters stay and a run-unique
// suffix follows them; both requests of a token-reuse case get the same suffix. An unsettled case
// keeps its token as drawn, since its length or form may be what it observes. The suffix is ASCII
// digits and dashes, at most gen::kTokenSuffixRoom of them (the room generators leave), and a
// token inside its conservative limits stays inside them with the suffix: a server enforcing the
// product's convention must not see a token the case did not mean to send.
std::string token_suffix(RunningCheck& check, const gen::Case& c) {
  static std::uint64_t counter = 0;
  if (!check.op().idempotency ||
      (c.kind == gen::CaseKind::kObservation && c.reuse == gen::TokenReuse::kNone)) {
    return "";
  }
  // The run's random part, not the seed: a replayed seed must not meet the earlier run's tokens
  // (a real endpoint would hand back the earlier orders instead of judging these requests).
  return "-" + RunContext::current().run_token() + "-" + std::to_string(++counter % 100000000);
}

// A valid case for a target where the billing guard is on carries the charge parameter at its
// safe value from the start, so it is sent and judged as what it is.
gen::Case pinned(const Session& session, gen::Case c) {
  const auto& rule = session.charge_rule();
  if (!rule || c.kind != gen::CaseKind::kValid || rule->safe_values.empty())
    return c;
  for (const auto& p : c.params) {
    if (p.name == rule->parameter)
      return c;
  }
  c.params.push_back({rule->parameter, rule->safe_values.front()});
  return c;
}

void apply_suffix(const spec::Operation& op, const std::string& suffix, sign::Params& params) {
  if (suffix.empty())
    return;
  const auto* token = op.find_parameter(op.idempotency->token);
  for (auto& p : params) {
    if (p.name != op.idempotency->token)
      continue;
    const bool was_within = !token || spec::within_conservative_limits(*token, p.value);
    std::string value = p.value + suffix;
    // Cut the drawn part (whole UTF-8 sequences) rather than the suffix, which keeps it unique.
    while (was_within && !spec::within_conservative_limits(*token, value) &&
           value.size() > suffix.size()) {
      std::size_t cut = value.size() - suffix.size() - 1;
      while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
        --cut;
      value.erase(cut, value.size() - suffix.size() - cut);
    }
    p.value = std::move(value);
  }
}

}  // namespace

CasePlan plan_case(RunningCheck& check, const gen::Case& as_generated) {
  const auto c = pinned(check.session(), as_generated);
  const auto suffix = token_suffix(check, c);
  CasePlan plan;
  plan.reuses_nonce = c.tamper == gen::Tamper::kReusedNonce;
  if (c.tamper == gen::Tamper::kReusedNonce || c.reuse != gen::TokenReuse::kNone) {
    Probe first = to_probe(c);
    first.tamper = gen::Tamper::kNone;
    if (c.reuse == gen::TokenReuse::kNone) {
      const auto base = minimal_valid_params(check.session());
      if (base.params)
        first.params = *base.params;
    }
    apply_suffix(check.op(), suffix, first.params);
    plan.steps.push_back({"before: " + c.description, std::move(first), Expectation::success()});
  }
  Probe probe = to_probe(c);
  if (c.reuse == gen::TokenReuse::kDifferentRequest) {
    probe.params.clear();
    for (const auto& p : c.reuse_params)
      probe.params.push_back({p.name, p.value});
  }
  apply_suffix(check.op(), suffix, probe.params);
  plan.steps.push_back({c.description, std::move(probe), expectation_of(c)});
  return plan;
}

CaseOutcome send_case(RunningCheck& check, const gen::Case& c) {
  return run_plan(check, plan_case(check, c));
}

void run_set(RunningCheck& check, const gen::CaseSet& set) {
  // The cases of a set are all sent, so a batch sends nothing a case-by-case run would not.
  const auto per_batch = static_cast<std::size_t>(plans_per_batch(check.session()));
  for (std::size_t begin = 0; begin < set.cases.size(); begin += per_batch) {
    const auto end = std::min(set.cases.size(), begin + per_batch);
    if (per_batch == 1) {
      send_case(check, set.cases[begin]);
      continue;
    }
    std::vector<CasePlan> plans;
    for (auto i = begin; i < end; ++i)
      plans.push_back(plan_case(check, set.cases[i]));
    std::vector<const CasePlan*> batch;
    for (const auto& plan : plans)
      batch.push_back(&plan);
    auto sent = send_plans(check, batch);
    for (std::size_t i = 0; i < plans.size(); ++i)
      record_plan(check, plans[i], std::move(sent[i]));
  }
  for (const auto& s : set.skipped)
    std::printf("  not generated: %s: %s\n", s.what.c_str(), s.reason.c_str());
}

int shrink_budget(const Target& target) {
  if (target.max_shrink_steps)
    return *target.max_shrink_steps;
  return target.is_local() ? kLoopbackShrinkSteps : kRemoteShrinkSteps;
}

bool not_failed(const CaseOutcome& o) {
  return o.judgement.verdict != report::Verdict::kFailed;
}

}  // namespace conform::suite
