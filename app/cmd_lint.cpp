#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/cli_parse.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/spec_files.h"
#include "core/spec/lint.h"

namespace conform::app {
namespace {

constexpr const char* kUsage =
    "usage: conform lint [--strict] [--format text|json] [SPEC.json ...]\n"
    "\n"
    "Loads each operation spec (default: every spec under the specs directory), validates it\n"
    "against its JSON Schema and its own cross-references, then flags what looks wrong in the\n"
    "published contract it records, with the evidence.\n"
    "\n"
    "  --strict        exit 1 when there are findings (default: findings exit 0)\n"
    "  --format F      text (default) or json\n"
    "\n"
    "exit: 0 clean or findings only, 1 findings with --strict, 2 a spec failed to load or bad "
    "usage\n";

void print_text(const spec::Operation& op, const std::vector<spec::Finding>& findings) {
  std::printf("%s: %s %s %s: %zu finding%s\n", op.file.c_str(), op.product.c_str(),
              op.version.c_str(), op.action.c_str(), findings.size(),
              findings.size() == 1 ? "" : "s");
  for (const auto& f : findings) {
    std::printf("warning: %s:%s: %s: %s\n", f.file.c_str(), f.pointer.c_str(), f.check.c_str(),
                f.message.c_str());
    for (const auto& e : f.evidence)
      std::printf("    evidence: %s\n", e.c_str());
  }
}

nlohmann::json to_json(const spec::Operation& op, const std::vector<spec::Finding>& findings) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : findings) {
    list.push_back({{"check", f.check},
                    {"file", f.file},
                    {"pointer", f.pointer},
                    {"message", f.message},
                    {"evidence", f.evidence}});
  }
  return {{"spec", op.file}, {"action", op.action}, {"version", op.version}, {"findings", list}};
}

// Reads the flags into the out parameters; returns the exit code when parsing ends the command.
std::optional<int> parse_lint_args(const Args& args, bool& strict, std::string& format,
                                   std::vector<std::string>& specs) {
  CLI::App app("conform lint");
  cli::configure(app, kUsage);
  app.add_flag("--strict", strict);
  app.add_option("--format", format)
      ->check(CLI::Validator(
          [](const std::string& f) -> std::string {
            return f == "text" || f == "json" ? "" : "must be text or json, not '" + f + "'";
          },
          "F"));
  app.add_option("specs", specs)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  return cli::parse_all(app, args, "lint");
}

}  // namespace

int run_lint(const Args& args) {
  bool strict = false;
  std::string format = "text";
  std::vector<std::string> specs;
  if (const auto stop = parse_lint_args(args, strict, format, specs))
    return *stop;
  if (specs.empty()) {
    specs = find_operation_specs(default_specs_dir());
    if (specs.empty()) {
      std::fprintf(stderr, "conform lint: no operation specs found under %s\n",
                   default_specs_dir().c_str());
      return kExitUsage;
    }
  }

  bool load_failed = false;
  std::size_t total = 0;
  nlohmann::json report = nlohmann::json::array();
  for (const auto& path : specs) {
    const auto op = load_or_report(path, "lint");
    if (!op) {
      load_failed = true;
      continue;
    }
    const auto findings = spec::lint(*op);
    total += findings.size();
    if (format == "json") {
      report.push_back(to_json(*op, findings));
    } else {
      print_text(*op, findings);
    }
  }
  if (format == "json")
    std::printf("%s\n", report.dump(2).c_str());
  if (load_failed)
    return kExitUsage;
  return strict && total > 0 ? kExitNonConformant : kExitConformant;
}

}  // namespace conform::app
