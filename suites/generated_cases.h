#pragma once

#include <rapidcheck.h>

#include <functional>

#include "generators/case.h"
#include "suites/running_check.h"

// The machinery the checks over generated cases share: sending a case with what it needs first,
// and running RapidCheck properties with the run's seed.
namespace conform::suite {

/// Sends one generated case, with what it needs first: a request whose nonce a reused-nonce case
/// repeats, or the first request of a reused client token.
CaseOutcome send_case(RunningCheck& check, const gen::Case& c);

/// Sends every case of a set, and prints what could not be generated.
void run_set(RunningCheck& check, const gen::CaseSet& set);

/// Shrink steps per failing property: small where every request may cost (each step is a request
/// and, on a billable endpoint, maybe an order), larger on the loopback. --max-shrink-steps sets
/// it.
constexpr int kRemoteShrinkSteps = 20;
constexpr int kLoopbackShrinkSteps = 500;
int shrink_budget(const Target& target);

/// Runs a property over a generator with the run's seed; a failure's smallest case becomes the
/// check's counterexample.
void property(RunningCheck& check, const rc::Gen<gen::Case>& cases, int count,
              const std::function<bool(const CaseOutcome&)>& holds);

/// The property most checks hold: no case failed.
bool not_failed(const CaseOutcome& o);

}  // namespace conform::suite
