#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/spec/model.h"
#include "reports/result.h"

namespace conform::report {

/// One request a run sent, as coverage counts it: what it carried and what the contract predicted.
struct SentRequest {
  std::vector<std::pair<std::string, std::string>> parameters;  // in request order
  bool predicted_success = false;
  std::string broken_rule;  // the rule id a predicted rejection breaks; empty otherwise
};

/// What the run exercised: parameters, enum values, boundaries (plain and conditional) and
/// outcomes.
Coverage coverage_of(const spec::Operation& op, const std::vector<SentRequest>& sent);

}  // namespace conform::report
