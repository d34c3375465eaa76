#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/cli_parse.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/spec_files.h"
#include "importer/api_docs.h"

namespace conform::app {
namespace {

constexpr const char* kHelp =
    "usage: conform import api-docs FILE --out DIR [--operation NAME]... [--common FILE]\n"
    "\n"
    "Writes one conform operation spec per operation of a published api-docs.json (Alibaba\n"
    "Cloud's machine-readable metadata of one product version) to DIR/<product>/<version>/\n"
    "<Action>.json, the common protocol spec to DIR/common/, and DIR/import-summary.json.\n"
    "Each spec holds the metadata's facts (locations, wire styles, types, formats, required,\n"
    "enums, ranges, lengths, patterns, error codes, response fields) with a JSON pointer to\n"
    "where each came from, and no description; each loads as conform's specs do.\n"
    "\n"
    "  --operation NAME  import only this operation (repeatable); default: every one\n"
    "  --common FILE     the protocol spec the specs name; default: the only .json in the\n"
    "                    specs directory's common/ folder\n"
    "\n"
    "What cannot be mapped is printed to stderr as FILE:POINTER: reason: detail (operation) and\n"
    "listed in the summary; operations that cannot be imported are listed with their reason.\n"
    "DIR is written whole at the end (a temporary directory beside it, then a rename). An\n"
    "existing DIR must be an earlier import's; what was written there by hand (overlays,\n"
    "oracle cases, notes: any file that is not the summary, common/ or a spec with an\n"
    "\"imported\" block) is kept where it is, and a hand-written file where the import writes\n"
    "one is refused with nothing changed.\n"
    "\n"
    "Exit: 0 written; 2 bad usage, a malformed file (FILE:POINTER named), or DIR not writable.\n";

int fail(const std::string& what) {
  std::fprintf(stderr, "conform import: %s\n", what.c_str());
  return kExitUsage;
}

void print_counts(const importer::ImportResult& r) {
  std::printf("%s %s: %zu operations, %zu imported, %zu skipped\n", r.product.c_str(),
              r.version.c_str(), r.operations, r.imported.size(), r.skipped.size());
  for (const auto& [reason, n] : r.skipped_by_reason())
    std::printf("  skipped %-28s %zu\n", reason.c_str(), n);
  std::printf("%zu facts not mapped\n", r.unmapped.size());
  for (const auto& [reason, n] : r.unmapped_by_reason())
    std::printf("  %-36s %zu\n", reason.c_str(), n);
}

}  // namespace

int run_import(const Args& args) {
  CLI::App app("conform import");
  cli::configure(app, kHelp);
  std::string kind;
  std::string file;
  importer::ImportOptions options;
  app.add_option("kind", kind)->required();
  app.add_option("file", file)->required();
  app.add_option("--out", options.out_dir)->required();
  app.add_option("--operation", options.operations);
  app.add_option("--common", options.common_file);
  if (const auto exit = cli::parse_all(app, args, "import"))
    return *exit;
  if (kind != "api-docs")
    return fail("unknown source kind '" + kind + "' (known: api-docs)");
  options.file = file;
  if (options.common_file.empty())
    options.common_file = default_common_spec();
  if (options.common_file.empty())
    return fail("no single common spec in " + default_specs_dir() +
                "/common; name one with --common");
  try {
    const auto result = importer::import_api_docs(options);
    const std::string name = std::filesystem::path(file).filename().string();
    for (const auto& u : result.unmapped) {
      std::fprintf(stderr, "%s:%s: %s: %s (%s)\n", name.c_str(), u.pointer.c_str(),
                   u.reason.c_str(), u.detail.c_str(), u.operation.c_str());
    }
    for (const auto& s : result.skipped) {
      std::fprintf(stderr, "%s: %s not imported: %s: %s\n", name.c_str(), s.operation.c_str(),
                   s.reason.c_str(), s.detail.c_str());
    }
    print_counts(result);
    std::printf("wrote %s\n", options.out_dir.c_str());
    return kExitConformant;
  } catch (const importer::MalformedInput& e) {
    return fail(e.file + ":" + e.pointer + ": " + e.what());
  } catch (const importer::ImportError& e) {
    return fail(e.what());
  }
}

}  // namespace conform::app
