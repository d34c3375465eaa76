#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "app/cli_parse.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/spec_files.h"
#include "core/spec/lint.h"
#include "importer/api_docs.h"
#include "importer/metadata_lint.h"

namespace conform::app {
namespace {

constexpr const char* kUsage =
    "usage: conform lint [--strict] [--format text|json] [--spec-dir DIR] [--operation NAME]...\n"
    "                    [--api-docs FILE [--common FILE]] [SPEC.json ...]\n"
    "\n"
    "Loads each operation spec (default: one per operation under the specs directory, an overlay\n"
    "standing for the import it names), validates it against its JSON Schema and its own\n"
    "cross-references, then flags what looks wrong in the published contract it records, with the\n"
    "evidence. A summary line ends the text output.\n"
    "\n"
    "  --strict          exit 1 when there are findings (default: findings exit 0)\n"
    "  --format F        text (default) or json\n"
    "  --spec-dir DIR    where to look for specs (default: the specs directory)\n"
    "  --operation NAME  lint only this operation of DIR (repeatable)\n"
    "  --api-docs FILE   also compare each spec of the file's product and version with this\n"
    "                    published metadata: a committed import that a fresh import of FILE would\n"
    "                    change (stale-import), parameters or error codes one names and the other\n"
    "                    lacks, types that disagree (drift-*), all findings; and hints\n"
    "                    (hint-enum, hint-range): values or ranges a parameter's description "
    "states\n"
    "                    in a \"Valid values\" sentence that the spec does not declare, quoted\n"
    "  --common FILE     the protocol spec the fresh import names (default: the only .json in\n"
    "                    the specs directory's common/ folder)\n"
    "\n"
    "Hints are suggestions for an overlay: they never change the exit code, --strict included.\n"
    "exit: 0 clean or findings only, 1 findings with --strict, 2 a spec failed to load or bad "
    "usage\n";

struct LintArgs {
  bool strict = false;
  std::string format = "text";
  std::string spec_dir;
  std::vector<std::string> operations;
  std::string api_docs;
  std::string common;
  std::vector<std::string> specs;
};

void print_text(const spec::Operation& op, const std::vector<spec::Finding>& findings,
                const std::vector<spec::Finding>& hints, bool with_hints) {
  std::printf("%s: %s %s %s: %zu finding%s", op.file.c_str(), op.product.c_str(),
              op.version.c_str(), op.action.c_str(), findings.size(),
              findings.size() == 1 ? "" : "s");
  if (with_hints)
    std::printf(", %zu hint%s", hints.size(), hints.size() == 1 ? "" : "s");
  std::printf("\n");
  for (const auto* list : {&findings, &hints}) {
    for (const auto& f : *list) {
      std::printf("%s: %s:%s: %s: %s\n", list == &findings ? "warning" : "hint", f.file.c_str(),
                  f.pointer.c_str(), f.check.c_str(), f.message.c_str());
      for (const auto& e : f.evidence)
        std::printf("    evidence: %s\n", e.c_str());
    }
  }
}

nlohmann::json findings_json(const std::vector<spec::Finding>& findings) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : findings) {
    list.push_back({{"check", f.check},
                    {"file", f.file},
                    {"pointer", f.pointer},
                    {"message", f.message},
                    {"evidence", f.evidence}});
  }
  return list;
}

// Reads the flags; returns the exit code when parsing ends the command.
std::optional<int> parse_lint_args(const Args& args, LintArgs& a) {
  CLI::App app("conform lint");
  cli::configure(app, kUsage);
  app.add_flag("--strict", a.strict);
  app.add_option("--format", a.format)
      ->check(CLI::Validator(
          [](const std::string& f) -> std::string {
            return f == "text" || f == "json" ? "" : "must be text or json, not '" + f + "'";
          },
          "F"));
  app.add_option("--spec-dir", a.spec_dir);
  app.add_option("--operation", a.operations);
  app.add_option("--api-docs", a.api_docs);
  app.add_option("--common", a.common);
  app.add_option("specs", a.specs)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  return cli::parse_all(app, args, "lint");
}

int usage(const std::string& message) {
  std::fprintf(stderr, "conform lint: %s\n", message.c_str());
  return kExitUsage;
}

// The spec files to lint, or the exit code of a usage error (already printed).
std::variant<std::vector<std::string>, int> chosen_specs(const LintArgs& a) {
  if (!a.specs.empty()) {
    if (!a.operations.empty() || !a.spec_dir.empty())
      return usage("name spec files or select with --spec-dir/--operation, not both");
    return a.specs;
  }
  const std::string dir = a.spec_dir.empty() ? default_specs_dir() : a.spec_dir;
  const auto found = find_operations(dir);
  if (found.empty())
    return usage("no operation specs found under " + dir);
  if (a.operations.empty())
    return find_operation_specs(dir);
  const auto selected = select_operations(found, a.operations, dir, "lint");
  if (!selected)
    return kExitUsage;
  return *selected;
}

void print_summary(std::size_t specs, std::size_t failed,
                   const std::map<std::string, std::size_t>& by_check, std::size_t hints,
                   bool with_hints) {
  std::size_t findings = 0;
  std::string checks;
  for (const auto& [check, n] : by_check) {
    findings += n;
    checks += (checks.empty() ? "" : ", ") + std::to_string(n) + " " + check;
  }
  std::printf("lint: %zu spec%s, %zu finding%s%s", specs, specs == 1 ? "" : "s", findings,
              findings == 1 ? "" : "s", checks.empty() ? "" : (" (" + checks + ")").c_str());
  if (with_hints)
    std::printf(", %zu hint%s", hints, hints == 1 ? "" : "s");
  if (failed > 0)
    std::printf("; %zu failed to load", failed);
  std::printf("\n");
}

}  // namespace

int run_lint(const Args& args) {
  LintArgs a;
  if (const auto stop = parse_lint_args(args, a))
    return *stop;
  auto chosen = chosen_specs(a);
  if (std::holds_alternative<int>(chosen))
    return std::get<int>(chosen);
  const auto& specs = std::get<std::vector<std::string>>(chosen);

  std::vector<std::pair<std::string, std::shared_ptr<const spec::Operation>>> loaded;
  std::size_t failed = 0;
  for (const auto& path : specs) {
    if (auto op = load_or_report(path, "lint"))
      loaded.emplace_back(path, std::move(op));
    else
      ++failed;
  }

  std::unique_ptr<importer::MetadataLint> metadata;
  if (!a.api_docs.empty()) {
    const std::string common = a.common.empty() ? default_common_spec() : a.common;
    if (common.empty())
      return usage("no single common spec in " + default_specs_dir() +
                   "/common; name one with --common");
    std::vector<std::string> actions;
    for (const auto& [path, op] : loaded)
      actions.push_back(op->action);
    try {
      metadata = std::make_unique<importer::MetadataLint>(a.api_docs, common, actions);
    } catch (const importer::MalformedInput& e) {
      return usage(e.file + ":" + e.pointer + ": " + e.what());
    } catch (const importer::ImportError& e) {
      return usage(e.what());
    }
  }

  std::map<std::string, std::size_t> by_check;
  std::size_t total = 0;
  std::size_t hint_count = 0;
  nlohmann::json report = nlohmann::json::array();
  for (const auto& [path, op] : loaded) {
    auto findings = spec::lint(*op);
    std::vector<spec::Finding> hints;
    if (metadata) {
      const auto drift = metadata->drift(path, *op);
      findings.insert(findings.end(), drift.begin(), drift.end());
      hints = metadata->hints(*op);
    }
    total += findings.size();
    hint_count += hints.size();
    for (const auto& f : findings)
      ++by_check[f.check];
    if (a.format == "json") {
      report.push_back({{"spec", op->file},
                        {"action", op->action},
                        {"version", op->version},
                        {"findings", findings_json(findings)},
                        {"hints", findings_json(hints)}});
    } else {
      print_text(*op, findings, hints, metadata != nullptr);
    }
  }
  if (a.format == "json")
    std::printf("%s\n", report.dump(2).c_str());
  else
    print_summary(loaded.size() + failed, failed, by_check, hint_count, metadata != nullptr);
  if (failed > 0)
    return kExitUsage;
  return a.strict && total > 0 ? kExitNonConformant : kExitConformant;
}

}  // namespace conform::app
