#pragma once

#include <memory>
#include <string>

#include "core/spec/model.h"
#include "core/spec/spec_error.h"

namespace conform::spec {

/// Loads an operation spec and the common protocol spec it names, validates both against the
/// JSON Schemas compiled into conform, checks that they agree with themselves and each other, and
/// returns the immutable model. Throws SpecLoadError listing every defect found.
std::shared_ptr<const Operation> load_operation(const std::string& path);

/// Validates a file against the schema its "format" names without building a model; returns the
/// defects (empty when valid). Used to check common files on their own.
std::vector<SpecError> validate_file(const std::string& path);

}  // namespace conform::spec
