#pragma once

#include <future>
#include <string>
#include <vector>

#include "core/http/exchange.h"
#include "generators/case.h"
#include "suites/running_check.h"

// A generated case as the requests it sends, and sending many cases at once: each check keeps up
// to the session's in-flight count of cases going, while what it records stays what sending them
// one after the other records.
namespace conform::suite {

/// One request of a case and what the contract predicts for it.
struct CaseStep {
  std::string description;
  Probe probe;
  Expectation expected;
};

/// The requests of one generated case, in order: the request whose nonce or client token the
/// case repeats, when it has one, then the case itself.
struct CasePlan {
  std::vector<CaseStep> steps;
  bool reuses_nonce = false;  // the last step repeats the nonce of the first
};

/// The plan of a generated case; its client tokens get their run-unique suffix here.
CasePlan plan_case(RunningCheck& check, const gen::Case& c);

/// Sends a plan's requests one after the other and records each; returns the last one's outcome.
CaseOutcome run_plan(RunningCheck& check, const CasePlan& plan);

/// What came back for each step of a plan.
using SentPlan = std::vector<http::Exchange>;

/// Sends plans with up to the session's in-flight count at once, recording nothing: the first
/// requests together, then those that must follow their first (the same client token, the same
/// nonce). Plans that carry the same client token value are never in flight together, so each
/// meets what the plans before it left, as it would one after the other.
std::vector<SentPlan> send_plans(RunningCheck& check, const std::vector<const CasePlan*>& plans);

/// send_plans on a thread of its own, so that the check draws and judges other cases while these
/// are on the wire. The session is used by one thread at a time: until the future is ready the
/// check sends nothing else, and the plans stay where they are.
std::future<std::vector<SentPlan>> send_plans_async(RunningCheck& check,
                                                    std::vector<const CasePlan*> plans);

/// Records a sent plan's requests in order, as run_plan would have; returns the last outcome.
CaseOutcome record_plan(RunningCheck& check, const CasePlan& plan, SentPlan sent);

/// Plans generated ahead and sent together per check: enough to keep the in-flight count busy
/// through a batch's tail, few enough that little is sent past a property's first failure.
int plans_per_batch(const Session& session);

}  // namespace conform::suite
