#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/spec/model.h"
#include "core/spec/spec_error.h"

namespace conform::spec {

/// A list or struct parameter's `shape` from a schema-valid spec document, recursively; a pattern
/// that is not a regular expression is added to `errors`.
Shape read_shape(const nlohmann::json& j, const std::string& file, const std::string& pointer,
                 std::vector<SpecError>& errors);

}  // namespace conform::spec
