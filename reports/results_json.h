#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "reports/result.h"

// results.json, format "conform-results/1": the one file every report is rendered from. Reading is
// strict (unknown keys, wrong types and unknown verdicts are errors) because a report built from a
// half-understood file would look complete and be wrong.
namespace conform::report {

inline constexpr std::string_view kResultsFormat = "conform-results/1";

/// A results file that cannot be used; what() reads "FILE:/json/pointer: message".
struct ResultsError : std::runtime_error {
  ResultsError(std::string file_name, std::string json_pointer, const std::string& message);
  std::string file;
  std::string pointer;
};

nlohmann::json to_json(const Results& results);

/// Pretty-printed, newline-terminated; invalid UTF-8 in bodies becomes U+FFFD instead of throwing.
std::string to_json_text(const Results& results);

/// One check as it appears inside results.json, for writers that keep a run's rendered checks
/// (ReportSink) instead of rendering every check again after each one.
std::string check_json_fragment(const CheckResult& check);

/// The document from the results' frame (run, summary, coverage) and one fragment per check;
/// to_json_text(r) is results_json_text(r, fragments of r.checks).
std::string results_json_text(const Results& results, const std::vector<std::string>& fragments);

/// `file` only names the source in errors.
Results results_from_json(const nlohmann::json& doc, const std::string& file);

/// Reads and parses strictly (duplicate keys are errors); throws ResultsError.
Results read_results(const std::string& path);

}  // namespace conform::report
