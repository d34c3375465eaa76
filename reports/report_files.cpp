#include "reports/report_files.h"

#include <filesystem>

#include "reports/atomic_file.h"
#include "reports/html_writer.h"
#include "reports/junit_writer.h"
#include "reports/results_json.h"

namespace conform::report {

void RenderedChecks::add(const CheckResult& check, const RunInfo& run, const Scrubber& scrubber) {
  json.push_back(scrubber.text(check_json_fragment(check)));
  junit.push_back(scrubber.text(junit_testcase_fragment(check, run)));
}

void write_report_files(const std::string& dir, const Results& results,
                        const RenderedChecks& rendered, const Scrubber& scrubber, WithHtml html) {
  std::filesystem::create_directories(dir);
  const std::filesystem::path d(dir);
  // results.json first: it is the source of truth, and the one `report render` can rebuild the
  // others from if the process dies between the writes.
  write_file_atomically((d / kResultsFile).string(), results_json_text(results, rendered.json));
  write_file_atomically((d / kJunitFile).string(), junit_text(results, rendered.junit));
  if (html == WithHtml::kYes) {
    write_file_atomically((d / kHtmlFile).string(), scrubber.text(render_html(results)));
  }
}

void write_report_files(const std::string& dir, const Results& results, const Scrubber& scrubber,
                        WithHtml html) {
  // Scrubbed as data first (protocol masks, secrets in every field), then as text per fragment.
  const Results clean = scrubber.results(results);
  RenderedChecks rendered;
  for (const auto& c : clean.checks) {
    rendered.add(c, clean.run, scrubber);
  }
  write_report_files(dir, clean, rendered, scrubber, html);
}

}  // namespace conform::report
