#pragma once

#include <string_view>

// The page's inline style sheet and script, kept apart from the markup that uses them.
namespace conform::report {

extern const std::string_view kReportCss;
extern const std::string_view kReportJs;

}  // namespace conform::report
