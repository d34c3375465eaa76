#pragma once

#include "generators/case.h"
#include "generators/fixtures.h"
#include "suites/judge.h"
#include "suites/probe.h"
#include "suites/session.h"

// The seam between the generators (what to send and what the contract predicts) and the session
// (how to send it to this target).
namespace conform::suite {

/// The target's resources as the generators see them.
gen::Fixtures fixtures_of(const Session& session);

/// How to send a generated case.
Probe to_probe(const gen::Case& c);

/// What the contract predicts for it: success, a rejection with its accepted answers, or nothing
/// settled (an observation).
Expectation expectation_of(const gen::Case& c);

}  // namespace conform::suite
