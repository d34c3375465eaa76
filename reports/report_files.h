#pragma once

#include <string>
#include <string_view>

#include "reports/result.h"
#include "reports/scrub.h"

// The files a run leaves in its output directory, and the one function that writes them, used by
// the sink during a run and by `conform report render|merge` afterwards.
namespace conform::report {

inline constexpr std::string_view kResultsFile = "results.json";
inline constexpr std::string_view kJunitFile = "junit.xml";
inline constexpr std::string_view kHtmlFile = "report.html";

enum class WithHtml { kNo, kYes };

/// Writes results.json, junit.xml and (kYes) report.html into dir, each atomically, after passing
/// every rendered byte through the scrubber. Creates dir. Throws std::runtime_error on I/O errors.
void write_report_files(const std::string& dir, const Results& results, const Scrubber& scrubber,
                        WithHtml html);

}  // namespace conform::report
