#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/spec/model.h"
#include "generators/case.h"
#include "generators/compose.h"
#include "generators/fixtures.h"

// The ways to break each rule of a spec, independent of the rest of the request: a parameter
// left out, values that break a parameter's constraints (with the condition they need), an unknown
// or wrong-state resource, a protocol tamper. A generator lays a break over any valid request.
namespace conform::gen {

struct Break {
  std::string rule_id;  // the rule this break is meant to break first
  std::string description;
  Assignments set;                // parameters fixed to these values
  std::vector<std::string> drop;  // parameters left out
  Tamper tamper = Tamper::kNone;

  friend bool operator==(const Break&, const Break&) = default;
};

struct BreakSet {
  std::vector<Break> breaks;  // in rule order
  std::vector<Skip> skipped;  // rules with no break, and why
};

/// Every break of every rule that, laid over the minimal valid request, makes that rule the first
/// one broken. Candidates that break nothing or an earlier rule are dropped; a rule left without a
/// break is recorded in `skipped`.
BreakSet breaks(const spec::Operation& op, const Fixtures& fixtures);

/// `params` with the break laid over them, as an invalid case, if its first breach is the break's
/// rule; nullopt otherwise. The accepted answers and settledness are those of that rule.
std::optional<Case> breaking_case(const spec::Operation& op, const Fixtures& fixtures,
                                  const std::vector<Param>& params, const Break& b);

}  // namespace conform::gen
