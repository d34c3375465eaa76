#pragma once

#include "core/spec/model.h"
#include "generators/case.h"
#include "generators/fixtures.h"

// Deterministic enumerations of cases from a spec: the same spec and fixtures always give the same
// cases in the same order, so a report can be compared run to run. Envelopes (method, placement,
// signature, format) rotate over the cases so each appears at least once.
namespace conform::gen {

/// Required parameters only; every parameter present; then each parameter with each of its valid
/// values: every enum value, the minimum and maximum of its range and of each conditional range
/// under its condition, reserved and non-ASCII strings; a token sent twice with the same request.
CaseSet valid_cases(const spec::Operation& op, const Fixtures& fixtures);

/// Each break of each rule (see breaks.h) over the minimal valid request.
CaseSet invalid_cases(const spec::Operation& op, const Fixtures& fixtures);

/// Requests the contract does not settle: a lowercase enum value, an integer with a leading zero,
/// a parameter sent twice, an over-long idempotency token, a token reused with other parameters.
/// Each carries the model's prediction; a runner reports a difference, never fails on it.
CaseSet observation_cases(const spec::Operation& op, const Fixtures& fixtures);

/// The three above, valid first.
CaseSet all_cases(const spec::Operation& op, const Fixtures& fixtures);

}  // namespace conform::gen
