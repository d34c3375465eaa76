#pragma once

#include <string>
#include <string_view>

#include "core/http/exchange.h"

// Bodies are shown indented so a reviewer can read a 2 KB one-line error document; anything that
// does not parse is shown exactly as received.
namespace conform::report {

/// JSON (2 spaces) or XML (2 spaces) re-indented when the content type or the first character
/// says which, and the text parses; otherwise the body unchanged.
std::string pretty_body(std::string_view body, std::string_view content_type);

}  // namespace conform::report
