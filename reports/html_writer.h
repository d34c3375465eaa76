#pragma once

#include <string>

#include "reports/result.h"

// report.html: one self-contained page (inline CSS and JS, no external asset, no network; its
// Content-Security-Policy forbids loading anything) for a person reviewing a run.
namespace conform::report {

/// Every string from the results is HTML-escaped: bodies are whatever a server sent.
std::string render_html(const Results& results);

}  // namespace conform::report
