#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/spec/model.h"
#include "core/spec/spec_error.h"

// Reading: an operation document and its common document, both already valid against their
// schemas, into the model. The references between entries are resolved while reading; what a
// schema cannot express is then checked by cross_check.h.
namespace conform::spec {

/// Fills `op` from the two documents and returns every defect found (empty when the model can be
/// used).
std::vector<SpecError> read_operation(const nlohmann::json& op_doc, const std::string& op_file,
                                      const nlohmann::json& common_doc,
                                      const std::string& common_file, Operation& op);

}  // namespace conform::spec
