#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/command.h"

// What every command shares around CLI11: its help as written, its words for a bad flag, and the
// nearest known flag for an unknown one (CLI11 2.1 suggests nothing itself).
namespace conform::app::cli {

/// Sets up `app` for one conform command: -h/--help prints `help` verbatim; a flag given twice
/// keeps its last value; what CLI11 does not know is left for the command (see `leftovers`).
void configure(CLI::App& app, std::string help);

/// How parsing ended: `help` after -h/--help (the caller prints app.help() and exits 0), else
/// `error` names the flag and what is wrong with it; neither: carry on.
struct Parsed {
  bool help = false;
  std::optional<std::string> error;
};
Parsed parse(CLI::App& app, const Args& args);

/// For a command that takes no flags beyond `app`'s: parses, prints the help and returns 0 when
/// asked, prints "conform COMMAND: what is wrong" and returns 2 for a bad or unknown flag or a
/// stray argument; nullopt: carry on.
std::optional<int> parse_all(CLI::App& app, const Args& args, const std::string& command);

/// A whole number in [min, max], or `message` (e.g. "needs a whole number of at least 1"), which
/// follows the flag's name in the error; `too_big`, when given, for one above max.
CLI::Validator whole_number(long long min, long long max, std::string message,
                            std::string too_big = "");
/// A non-negative whole number that fits 64 bits, or `message`.
CLI::Validator unsigned_64(std::string message);

/// Every name of every option of `app`, with its dashes, in the order they were added.
std::vector<std::string> option_names(const CLI::App& app);

/// The candidate closest to `flag` by edit distance (the first on a tie); "" when there is none.
std::string nearest(const std::string& flag, const std::vector<std::string>& candidates);

/// "FLAG: unknown option (NOTE); did you mean NEAREST?", the note and the suggestion when there
/// are any.
std::string unknown_option(const std::string& flag, const std::vector<std::string>& candidates,
                           const std::string& note = "");

/// The first of what CLI11 left over as an error: an unknown flag with the nearest of the app's
/// own options, or an unexpected argument. nullopt when nothing was left.
std::optional<std::string> no_leftovers(const CLI::App& app);

/// What CLI11 left for a command to read once it has loaded the spec, with the options it knew.
struct Leftovers {
  std::vector<std::string> items;
  std::vector<std::string> options;
};
Leftovers leftovers(const CLI::App& app);

/// A flag the loaded spec defines (run's --<state>-<resource>, mock's --<resource>): the name as
/// `known` spells it, and its value.
struct SpecFlag {
  std::string name;
  std::string value;
};

/// Reads leftovers as `--NAME VALUE` or `--NAME=VALUE` pairs whose name is one of `known`
/// (compared ignoring case). Anything else is an error: an unknown flag names the nearest of
/// `known` and the app's options, with `note(flag)` when given.
struct SpecFlags {
  std::vector<SpecFlag> flags;
  std::optional<std::string> error;
};
SpecFlags spec_flags(const Leftovers& rest, const std::vector<std::string>& known,
                     const std::function<std::string(const std::string&)>& note = {});

}  // namespace conform::app::cli
