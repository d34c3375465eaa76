#pragma once

#include <map>
#include <string>
#include <string_view>

namespace conform::spec {

/// The JSON Schemas of specs/schema, compiled into the binary so a spec is always checked against
/// the schema the binary was built with, wherever it runs. Name ("operation.schema.json") -> text.
const std::map<std::string, std::string_view>& embedded_schemas();

}  // namespace conform::spec
