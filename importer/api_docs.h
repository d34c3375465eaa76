#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

// Imports Alibaba Cloud's published API metadata (an api-docs.json of one product version) into
// conform operation specs. What the metadata states becomes facts with a JSON pointer to where
// each came from; its prose stays out. Nothing here knows which product it reads.
namespace conform::importer {

/// A fact of the metadata the spec format cannot hold, or an entry left out for a stated reason.
struct Unmapped {
  std::string operation;
  std::string pointer;  // into the metadata file
  std::string reason;   // a stable name, e.g. "error-code-form"
  std::string detail;
};

/// An operation that was not imported at all.
struct Skipped {
  std::string operation;
  std::string reason;  // a stable name
  std::string detail;
};

struct ImportResult {
  std::string product;
  std::string version;
  std::string format_version;  // the file's own "version" field
  std::size_t operations = 0;  // in the file
  std::vector<std::string> imported;
  std::vector<Skipped> skipped;
  std::vector<Unmapped> unmapped;

  std::map<std::string, std::size_t> skipped_by_reason() const;
  std::map<std::string, std::size_t> unmapped_by_reason() const;
};

/// The file is not api-docs metadata this importer can read (bad JSON, wrong shape): nothing was
/// written. `pointer` is where in `file` (a position for a syntax error).
struct MalformedInput : std::runtime_error {
  MalformedInput(std::string file_name, std::string where, const std::string& message)
      : std::runtime_error(message), file(std::move(file_name)), pointer(std::move(where)) {}
  std::string file;
  std::string pointer;
};

/// A usage or setup error: the output directory cannot be written or replaced, the common spec
/// cannot be read, an operation asked for is not in the file. Nothing was changed.
struct ImportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ImportOptions {
  std::string file;                     // the api-docs.json
  std::string out_dir;                  // written whole at the end (temporary dir + rename)
  std::string common_file;              // the protocol spec, copied to out_dir/common/
  std::vector<std::string> operations;  // empty: every operation
};

/// The name of the summary file written beside the specs.
inline constexpr const char* kSummaryFile = "import-summary.json";

/// Writes out_dir/<product>/<version>/<Action>.json for each operation (product in lower case),
/// out_dir/common/<common file name> and out_dir/import-summary.json. Every spec written loads
/// with spec::load_operation; an operation whose spec would not is skipped with the loader's
/// reason. Throws MalformedInput or ImportError, leaving out_dir as it was.
ImportResult import_api_docs(const ImportOptions& options);

/// The summary file's text: counts, skipped operations and unmapped facts, in a stable order.
std::string summary_json(const ImportResult& result, const std::string& file_name,
                         const std::string& sha256);

}  // namespace conform::importer
