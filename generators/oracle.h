#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "core/spec/evaluate.h"
#include "generators/case.h"
#include "generators/fixtures.h"

// Decides the checks the model cannot decide alone, for generated cases: exists/state from the
// fixtures, protocol checks from the case's tamper, everything else holds. With it the rules
// engine says, on the wire text, which rule a case breaks first.
namespace conform::gen {

/// The protocol check a tamper breaks.
spec::Check check_of(Tamper tamper);

/// The tampers the spec has a rule for, each with the first rule of its check, in rule order.
std::vector<std::pair<Tamper, const spec::Rule*>> tampers_for(const spec::Operation& op);

/// The external check for `params` sent with `tamper` against a target holding `fixtures`. Keeps
/// references: `op`, `fixtures` and `params` must outlive it.
spec::ExternalCheck fixture_oracle(const spec::Operation& op, const Fixtures& fixtures,
                                   const spec::ParamMap& params, Tamper tamper);

/// The first rule the case breaks against the fixtures, nullopt when every rule holds.
std::optional<spec::Breach> first_breach(const spec::Operation& op, const Fixtures& fixtures,
                                         const Case& c);

}  // namespace conform::gen
