#include "suites/generated_cases.h"

#include <algorithm>
#include <cstdio>

#include "core/spec/constraints.h"
#include "generators/values.h"
#include "suites/case_adapter.h"
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

CaseOutcome send_case(RunningCheck& check, const gen::Case& as_generated) {
  const auto c = pinned(check.session(), as_generated);
  const auto suffix = token_suffix(check, c);
  if (c.tamper == gen::Tamper::kReusedNonce || c.reuse != gen::TokenReuse::kNone) {
    Probe first = to_probe(c);
    first.tamper = gen::Tamper::kNone;
    if (c.reuse == gen::TokenReuse::kNone) {
      const auto base = minimal_valid_params(check.session());
      if (base.params)
        first.params = *base.params;
    }
    apply_suffix(check.op(), suffix, first.params);
    check.run_case("before: " + c.description, first, Expectation::success());
  }
  Probe probe = to_probe(c);
  if (c.reuse == gen::TokenReuse::kDifferentRequest) {
    probe.params.clear();
    for (const auto& p : c.reuse_params)
      probe.params.push_back({p.name, p.value});
  }
  apply_suffix(check.op(), suffix, probe.params);
  return check.run_case(c.description, probe, expectation_of(c));
}

void run_set(RunningCheck& check, const gen::CaseSet& set) {
  for (const auto& c : set.cases)
    send_case(check, c);
  for (const auto& s : set.skipped)
    std::printf("  not generated: %s: %s\n", s.what.c_str(), s.reason.c_str());
}

int shrink_budget(const Target& target) {
  if (target.max_shrink_steps)
    return *target.max_shrink_steps;
  return target.is_local() ? kLoopbackShrinkSteps : kRemoteShrinkSteps;
}

// Runs a property over a generator with the run's seed; the last failing case RapidCheck reports
// is the smallest one, since it calls the property again on every shrink candidate. Each
// candidate after the first failure that is sent is a shrink step; once the budget is spent the
// remaining candidates pass unsent, so RapidCheck ends its search with the smallest failure found
// so far. Candidates often decode to a case already sent (another pick of a pinned parameter, a
// prefix offered twice, text cut back to its limit): its first outcome stands, nothing is sent,
// and no step is counted. Only what the case holds is compared, so a run-unique token suffix added
// at send time does not make two candidates differ.
void property(RunningCheck& check, const rc::Gen<gen::Case>& cases, int count,
              const std::function<bool(const CaseOutcome&)>& holds) {
  std::optional<CaseOutcome> smallest;
  std::vector<std::pair<gen::Case, std::optional<CaseOutcome>>> sent;  // the failures' outcomes
  report::Shrink shrink{0, shrink_budget(check.session().target()), false};
  RunContext::current().note_property();
  rc::detail::TestParams params;
  params.seed = RunContext::current().seed();
  params.maxSuccess = count;
  params.maxSize = 100;
  const auto result = rc::detail::checkTestable(
      [&] {
        const auto c = *cases;
        if (smallest) {
          const auto before =
              std::find_if(sent.begin(), sent.end(), [&](const auto& s) { return s.first == c; });
          if (before != sent.end()) {
            if (before->second) {
              smallest = before->second;
              RC_FAIL(before->second->judgement.message);
            }
            return;
          }
          if (shrink.steps >= shrink.budget) {
            shrink.stopped_by_budget = true;
            return;
          }
          ++shrink.steps;
        }
        auto outcome = send_case(check, c);
        const bool held = holds(outcome);
        if (smallest || !held)
          sent.emplace_back(c, held ? std::nullopt : std::optional<CaseOutcome>(outcome));
        if (!held) {
          smallest = outcome;
          RC_FAIL(outcome.judgement.message);
        }
      },
      rc::detail::TestMetadata{}, params);
  if (smallest) {
    smallest->description =
        std::string(shrink.stopped_by_budget ? "smallest counterexample within the shrink budget: "
                                             : "smallest counterexample: ") +
        smallest->description;
    check.set_counterexample(*smallest);
    check.set_shrink(shrink);
  }
  if (result.is<rc::detail::GaveUpResult>())
    check.skip("RapidCheck gave up generating cases");
}

bool not_failed(const CaseOutcome& o) {
  return o.judgement.verdict != report::Verdict::kFailed;
}

}  // namespace conform::suite
