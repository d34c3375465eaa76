#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/spec/model.h"
#include "core/spec/spec_error.h"

namespace conform::spec {

/// Loads an operation spec and the common protocol spec it names, validates both against the
/// JSON Schemas compiled into conform, checks that they agree with themselves and each other, and
/// returns the immutable model. Throws SpecLoadError listing every defect found.
/// An overlay (conform-overlay/1) is loaded the same way: its base is read and checked, the
/// overlay applied, and the merged document checked and read; errors name the overlay or the
/// base and the pointer in the file that holds the fact at fault.
std::shared_ptr<const Operation> load_operation(const std::string& path);

/// The operation document a spec file stands for: the file itself, or an overlay merged onto its
/// base (with "common" relative to the overlay). Throws SpecLoadError when it cannot be built.
nlohmann::json merged_document(const std::string& path);

/// Validates a file against the schema its "format" names without building a model; returns the
/// defects (empty when valid). Used to check common files on their own.
std::vector<SpecError> validate_file(const std::string& path);

}  // namespace conform::spec
