#pragma once

#include <optional>
#include <string>

#include "importer/schema_mapping.h"

namespace conform::importer {

/// Writes `spec` to `path` and loads it with spec::load_operation. A defect the importer can mend
/// by leaving a fact out (an example or default its own parameter refuses, an enum value its type
/// refuses, a range or length that admits nothing, a pattern that is not ECMAScript) is left out,
/// noted with the metadata pointer, and the spec written again. Returns the first defect left
/// (its file name cut to the part below `root`) when the spec still does not load.
std::optional<std::string> write_loadable(Out& spec, const std::string& path,
                                          const std::string& root, const Notes& notes);

}  // namespace conform::importer
