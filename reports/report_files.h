#pragma once

#include <string>
#include <string_view>
#include <vector>

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

/// Each check rendered once, for both formats. A long run rewrites its files after every check;
/// rendering only the new check keeps that linear in the output size instead of quadratic.
struct RenderedChecks {
  std::vector<std::string> json;
  std::vector<std::string> junit;
  void add(const CheckResult& check, const RunInfo& run, const Scrubber& scrubber);
};

/// As above from already-rendered checks (parallel to results.checks); each fragment went through
/// the scrubber when it was added, so only the frame is scrubbed here.
void write_report_files(const std::string& dir, const Results& results,
                        const RenderedChecks& rendered, const Scrubber& scrubber, WithHtml html);

}  // namespace conform::report
