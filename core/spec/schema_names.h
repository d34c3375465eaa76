#pragma once

#include <string>

#include "core/spec/model.h"

// The names the spec schemas admit, mapped to the model's enums. The schema has already refused
// any other name, so these never fail on a loaded document.
namespace conform::spec {

SignatureScheme scheme_of(const std::string& name);
Check check_of(const std::string& name);
FieldType field_type_of(const std::string& name);

}  // namespace conform::spec
