#pragma once

#include <string>
#include <vector>

#include "reports/result.h"

// JUnit XML as Jenkins, GitLab and the GitHub reporter actions read it; valid against
// reports/schema/junit.xsd (the Jenkins/Ant schema).
namespace conform::report {

/// The whole document: a <testsuite> per check kind in first-appearance order, a <testcase> per
/// check. A run that did not finish gets one more suite, "run", whose single test errors.
std::string render_junit(const Results& results);

/// One <testcase> as it appears in the document, for writers that keep a run's rendered checks.
std::string junit_testcase_fragment(const CheckResult& check, const RunInfo& run);

/// The document from one fragment per check (same order as results.checks).
std::string junit_text(const Results& results, const std::vector<std::string>& fragments);

}  // namespace conform::report
