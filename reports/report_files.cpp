#include "reports/report_files.h"

#include <filesystem>

#include "reports/atomic_file.h"
#include "reports/html_writer.h"
#include "reports/junit_writer.h"
#include "reports/results_json.h"

namespace conform::report {

void write_report_files(const std::string& dir, const Results& results, const Scrubber& scrubber,
                        WithHtml html) {
  std::filesystem::create_directories(dir);
  const std::filesystem::path d(dir);
  // results.json first: it is the source of truth, and the one `report render` can rebuild the
  // others from if the process dies between the writes.
  write_file_atomically((d / kResultsFile).string(), scrubber.text(to_json_text(results)));
  write_file_atomically((d / kJunitFile).string(), scrubber.text(render_junit(results)));
  if (html == WithHtml::kYes) {
    write_file_atomically((d / kHtmlFile).string(), scrubber.text(render_html(results)));
  }
}

}  // namespace conform::report
