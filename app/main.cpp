#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "app/cli_parse.h"
#include "app/command.h"
#include "app/commands.h"
#include "app/exit_codes.h"

namespace {

using conform::app::Command;

constexpr Command kCommands[] = {
    {"run", "run the conformance suite against the embedded mock or an endpoint",
     conform::app::run_conformance},
    {"lint", "validate specs and flag what is suspicious in the published contract",
     conform::app::run_lint},
    {"describe", "print a summary of an operation's contract", conform::app::run_describe},
    {"mock", "run the spec-driven mock endpoint", conform::app::run_mock},
    {"sign", "print the canonical strings and signature for a request description",
     conform::app::run_sign},
    {"report", "re-render reports from results.json, or merge the results of sharded runs",
     conform::app::run_report},
    {"import", "write operation specs from published API metadata (api-docs.json)",
     conform::app::run_import},
};

std::string usage() {
  std::string text = "usage: conform <command> [options]\n\ncommands:\n";
  for (const auto& c : kCommands) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-10.*s %.*s\n", static_cast<int>(c.name.size()),
                  c.name.data(), static_cast<int>(c.summary.size()), c.summary.data());
    text += line;
  }
  return text + "\n'conform <command> --help' describes a command's options.\n";
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "conform: %s\n\n%s", message.c_str(), usage().c_str());
  return conform::app::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  namespace cli = conform::app::cli;
  if (argc < 2) {
    std::fputs(usage().c_str(), stderr);
    return conform::app::kExitUsage;
  }
  CLI::App app("conform");
  cli::configure(app, usage());
  app.require_subcommand(0, 1);
  bool version = false;
  app.add_flag("--version", version);
  app.add_subcommand("help")->group("");  // `conform help`, the same as --help
  for (const auto& c : kCommands) {
    // Everything after the command's name is the command's to parse, --help included.
    app.add_subcommand(std::string(c.name))->prefix_command()->set_help_flag();
  }
  const auto parsed = cli::parse(app, conform::app::Args(argv + 1, argv + argc));
  if (parsed.help || app.got_subcommand("help")) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  }
  if (parsed.error)
    return usage_error(*parsed.error);
  if (version) {
    std::printf("conform %s\n", CONFORM_VERSION_DESCRIBED);
    return 0;
  }
  for (const auto& c : kCommands) {
    const auto* command = app.get_subcommand(std::string(c.name));
    if (!command->parsed())
      continue;
    try {
      return c.run(command->remaining());
    } catch (const std::exception& e) {
      // Commands report their own errors; this is the last line against a crash.
      std::fprintf(stderr, "conform %s: internal error: %s\n", command->get_name().c_str(),
                   e.what());
      return conform::app::kExitUsage;
    }
  }
  const auto rest = app.remaining();
  if (!rest.empty() && !rest.front().starts_with("-"))
    return usage_error("unknown command '" + rest.front() + "'");
  return usage_error(cli::no_leftovers(app).value_or("no command given"));
}
