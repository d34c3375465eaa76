#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/cli_parse.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "client/sign_inputs.h"

namespace conform::app {
namespace {

constexpr const char* kHelp =
    "usage: conform sign [--secret-from-input] <request.json | ->\n"
    "\n"
    "Signs a request description and prints the intermediate strings and the signature as JSON,\n"
    "keyed like the fields of tests/data/vectors/signatures.json, so a mismatch can be located.\n"
    "\n"
    "Input: a vector's \"inputs\" object (or a whole vector; its \"inputs\" is used), from a file\n"
    "or '-' for stdin. x_acs_date selects V3 (ACS3-HMAC-SHA256), timestamp selects V1 "
    "(HMAC-SHA1).\n"
    "\n"
    "Secret: read from ALIBABA_CLOUD_ACCESS_KEY_SECRET. The input's own access_key_secret is used\n"
    "only with --secret-from-input: the vectors carry a published test secret, and an explicit\n"
    "flag keeps a real secret from being signed with just because it was left in a file.\n"
    "\n"
    "Exit: 0 printed; 2 bad usage, unreadable file, invalid JSON or a missing/ill-typed field.\n";

int fail(const std::string& where, const std::string& what) {
  std::fprintf(stderr, "conform sign: %s: %s\n", where.c_str(), what.c_str());
  return kExitUsage;
}

// Reads the flag and the input path; returns the exit code when parsing ends the command.
std::optional<int> parse_sign_args(const Args& args, bool& secret_from_input, std::string& path) {
  CLI::App app("conform sign");
  cli::configure(app, kHelp);
  app.add_flag("--secret-from-input", secret_from_input);
  std::vector<std::string> inputs;
  app.add_option("input", inputs)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  if (const auto exit = cli::parse_all(app, args, "sign"))
    return *exit;
  if (inputs.size() > 1)
    return fail(inputs[1], "only one input may be given");
  if (inputs.empty()) {
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  path = inputs.front();
  return std::nullopt;
}

}  // namespace

int run_sign(const Args& args) {
  bool secret_from_input = false;
  std::string path;
  if (const auto stop = parse_sign_args(args, secret_from_input, path))
    return *stop;
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return fail(path, "cannot open file");
    }
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string where = path == "-" ? "<stdin>" : path;
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return fail(where, "invalid JSON at byte " + std::to_string(e.byte));
  } catch (const nlohmann::json::out_of_range&) {
    return fail(where, "invalid JSON: a number is too large for a double");
  }
  const nlohmann::json& inputs = doc.is_object() && doc.contains("inputs") ? doc.at("inputs") : doc;
  std::string secret;
  if (secret_from_input) {
    if (!inputs.is_object() || !inputs.contains("access_key_secret") ||
        !inputs.at("access_key_secret").is_string()) {
      return fail(where, "--secret-from-input given but 'inputs.access_key_secret' is missing");
    }
    secret = inputs.at("access_key_secret").get<std::string>();
  } else {
    const char* env = std::getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    if (env == nullptr || *env == '\0') {
      return fail("environment",
                  "ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set (or pass --secret-from-input)");
    }
    secret = env;
  }
  try {
    const auto report = client::sign_inputs(inputs, secret);
    nlohmann::ordered_json out;
    out["signature_version"] = report.signature_version;
    for (const auto& [key, value] : report.fields) {
      out[key] = value;
    }
    std::printf("%s\n", out.dump(1).c_str());
  } catch (const client::InputError& e) {
    return fail(where, e.what());
  }
  return kExitConformant;
}

}  // namespace conform::app
