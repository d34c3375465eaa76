#pragma once

#include <string_view>

namespace conform::report {

/// The name the results schema is known by (its "$id").
inline constexpr std::string_view kResultsSchemaName = "results.schema.json";

/// reports/schema/results.schema.json, compiled into the binary as the spec schemas are (see
/// core/spec/embedded_schemas.h), so a results file is read against the schema of the conform
/// that reads it.
std::string_view embedded_results_schema();

}  // namespace conform::report
