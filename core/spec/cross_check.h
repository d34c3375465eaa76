#pragma once

#include <vector>

#include "core/spec/model.h"
#include "core/spec/spec_error.h"

// Cross-checking: what a schema cannot express about a model read from valid documents. Each
// check appends its defects to `errors`, naming the file and JSON pointer of the entry at fault.
namespace conform::spec {

/// No parameter name is defined twice, across the common and the operation's own lists.
void check_parameter_names(const Operation& op, std::vector<SpecError>& errors);

/// Constraints that contradict each other or the parameter's type, conditions on parameters that
/// do not exist or can never hold, and defaults and examples that break their own constraints.
void check_parameter(const Operation& op, const Parameter& p, std::vector<SpecError>& errors);

/// Every outcome is reachable from a rule, every error code from an outcome, and every required
/// parameter says what its absence returns: otherwise the spec documents answers no test can ever
/// expect.
void check_coverage(const Operation& op, std::vector<SpecError>& errors);

}  // namespace conform::spec
