#pragma once

#include <string>

#include "reports/result.h"

// JUnit XML as Jenkins, GitLab and the GitHub reporter actions read it; valid against
// reports/schema/junit.xsd (the Jenkins/Ant schema).
namespace conform::report {

/// The whole document: a <testsuite> per check kind in first-appearance order, a <testcase> per
/// check. A run that did not finish gets one more suite, "run", whose single test errors.
std::string render_junit(const Results& results);

}  // namespace conform::report
