#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

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
};

void print_usage(std::FILE* out) {
  std::fprintf(out, "usage: conform <command> [options]\n\ncommands:\n");
  for (const auto& c : kCommands) {
    std::fprintf(out, "  %-10.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                 static_cast<int>(c.summary.size()), c.summary.data());
  }
  std::fprintf(out, "\n'conform <command> --help' describes a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return conform::app::kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(stdout);
    return 0;
  }
  if (name == "--version") {
    std::printf("conform %s\n", CONFORM_VERSION);
    return 0;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& c : kCommands) {
    if (c.name == name) {
      try {
        return c.run(args);
      } catch (const std::exception& e) {
        // Commands report their own errors; this is the last line against a crash.
        std::fprintf(stderr, "conform %s: internal error: %s\n", name.c_str(), e.what());
        return conform::app::kExitUsage;
      }
    }
  }
  std::fprintf(stderr, "conform: unknown command '%s'\n\n", name.c_str());
  print_usage(stderr);
  return conform::app::kExitUsage;
}
