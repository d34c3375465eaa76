#include "app/cli_parse.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "app/exit_codes.h"
#include "core/text/ascii.h"
#include "core/text/edit_distance.h"

namespace conform::app::cli {
namespace {

// "-5" is a value CLI11 could not place, not a flag.
bool looks_like_flag(const std::string& item) {
  return item.size() > 1 && item[0] == '-' && !std::isdigit(static_cast<unsigned char>(item[1]));
}

// The flag without an attached "=VALUE", which may be a secret and is never echoed.
std::string flag_part(const std::string& item) {
  return item.substr(0, item.find('='));
}

// The commands' words for what CLI11 found wrong.
std::string describe(const CLI::ParseError& e) {
  std::string what = e.what();
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    // Thrown only when a flag that takes a value comes last; CLI11 starts the message with it.
    return what.substr(0, what.find(':')) + " needs a value";
  }
  if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr) {
    // CLI11 writes "NAME: MESSAGE"; the commands have always said "NAME MESSAGE".
    if (const auto colon = what.find(": "); colon != std::string::npos)
      what.erase(colon, 1);
  }
  return what;
}

// --help asked of the app or of a subcommand.
bool help_asked(const CLI::App& app) {
  if (const auto* help = app.get_help_ptr(); help != nullptr && help->count() > 0)
    return true;
  const auto commands = app.get_subcommands([](const CLI::App*) { return true; });
  return std::any_of(commands.begin(), commands.end(),
                     [](const CLI::App* c) { return help_asked(*c); });
}

}  // namespace

void configure(CLI::App& app, std::string help) {
  app.set_help_flag("-h,--help", "print this help");
  app.formatter_fn([help = std::move(help)](const CLI::App*, const std::string&,
                                            CLI::AppFormatMode) { return help; });
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.allow_extras();
}

Parsed parse(CLI::App& app, const Args& args) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 pops from the back
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    return {true, std::nullopt};
  } catch (const CLI::ParseError& e) {
    // CLI11 checks values before it looks at --help; --help still wins, wherever it stands.
    if (help_asked(app))
      return {true, std::nullopt};
    return {false, describe(e)};
  }
  return {};
}

CLI::Validator whole_number(long long min, long long max, std::string message,
                            std::string too_big) {
  return CLI::Validator(
      [=](const std::string& text) -> std::string {
        errno = 0;
        char* end = nullptr;
        const long long n = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0' || n < min)
          return message;
        if (errno == ERANGE || n > max)
          return too_big.empty() ? message : too_big;
        return {};
      },
      "N");
}

CLI::Validator unsigned_64(std::string message) {
  return CLI::Validator(
      [=](const std::string& text) -> std::string {
        // strtoull would take "-1" as the largest value: only digits are a seed.
        if (text.empty() ||
            !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
          return message;
        errno = 0;
        std::strtoull(text.c_str(), nullptr, 10);
        return errno == ERANGE ? message : std::string();
      },
      "N");
}

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> out;
  for (const auto* option : app.get_options()) {
    for (const auto& name : option->get_lnames())
      out.push_back("--" + name);
    for (const auto& name : option->get_snames())
      out.push_back("-" + name);
  }
  return out;
}

std::string nearest(const std::string& flag, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 0;
  for (const auto& c : candidates) {
    const auto distance = text::edit_distance(flag, c, text::Case::kIgnored);
    if (best.empty() || distance < best_distance) {
      best = c;
      best_distance = distance;
    }
  }
  return best;
}

std::string unknown_option(const std::string& flag, const std::vector<std::string>& candidates,
                           const std::string& note) {
  std::string out = flag + ": unknown option";
  if (!note.empty())
    out += " (" + note + ")";
  if (const auto near = nearest(flag, candidates); !near.empty())
    out += "; did you mean " + near + "?";
  return out;
}

std::optional<std::string> no_leftovers(const CLI::App& app) {
  const auto rest = app.remaining();
  if (rest.empty())
    return std::nullopt;
  if (looks_like_flag(rest.front()))
    return unknown_option(flag_part(rest.front()), option_names(app));
  return "unexpected argument '" + rest.front() + "'";
}

std::optional<int> parse_all(CLI::App& app, const Args& args, const std::string& command) {
  const auto parsed = parse(app, args);
  if (parsed.help) {
    std::fputs(app.help().c_str(), stdout);
    return kExitConformant;
  }
  if (const auto error = parsed.error ? parsed.error : no_leftovers(app)) {
    std::fprintf(stderr, "conform %s: %s\n(see conform %s --help)\n", command.c_str(),
                 error->c_str(), command.c_str());
    return kExitUsage;
  }
  return std::nullopt;
}

Leftovers leftovers(const CLI::App& app) {
  return {app.remaining(), option_names(app)};
}

SpecFlags spec_flags(const Leftovers& leftovers, const std::vector<std::string>& known,
                     const std::function<std::string(const std::string&)>& note) {
  SpecFlags out;
  const auto& rest = leftovers.items;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const auto& item = rest[i];
    if (!looks_like_flag(item)) {
      out.error = "unexpected argument '" + item + "'";
      return out;
    }
    const std::string flag = flag_part(item);
    const auto match = std::find_if(known.begin(), known.end(),
                                    [&](const std::string& k) { return text::iequals(k, flag); });
    if (match == known.end()) {
      auto candidates = leftovers.options;
      candidates.insert(candidates.end(), known.begin(), known.end());
      out.error = unknown_option(flag, candidates, note ? note(flag) : "");
      return out;
    }
    if (flag.size() < item.size()) {
      out.flags.push_back({*match, item.substr(flag.size() + 1)});
    } else if (i + 1 < rest.size()) {
      out.flags.push_back({*match, rest[++i]});
    } else {
      out.error = flag + " needs a value";
      return out;
    }
  }
  return out;
}

}  // namespace conform::app::cli
