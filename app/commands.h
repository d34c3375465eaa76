#pragma once

#include "app/command.h"

// One entry point per subcommand, each in its own cmd_<name>.cpp.
namespace conform::app {

int run_lint(const Args& args);
int run_describe(const Args& args);
int run_sign(const Args& args);
int run_mock(const Args& args);
int run_conformance(const Args& args);  // conform run
int run_report(const Args& args);
int run_import(const Args& args);  // conform import api-docs

}  // namespace conform::app
