#include "app/mock_options.h"

#include <cstdio>

#include "mock/faults.h"

namespace conform::app {
namespace {

constexpr const char* kUsage =
    "usage: conform mock [options]\n"
    "\n"
    "Runs the spec-driven mock endpoint until SIGINT or SIGTERM. It prints its URL on stdout.\n"
    "\n"
    "  --spec FILE            serve one operation spec\n"
    "  --spec-dir DIR         serve every operation spec under DIR on one port, each call going\n"
    "                         to the spec of its Action (default: the specs directory)\n"
    "  --operation NAME       serve only this operation (repeatable)\n"
    "  --host ADDR            address to bind (default 127.0.0.1; anything else exposes the mock)\n"
    "  --port N               port (default 0: any free port)\n"
    "  --access-key ID:SECRET[:TOKEN]  a key pair to accept (repeatable; default: the pair in\n"
    "                         ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET, else the test pair\n"
    "                         conform-test-key:conform-test-secret)\n"
    "  --fixtures FILE        resources to start with: {\"resources\": {\"<resource>\": [{\"id\", "
    "\"state\"}]}}\n"
    "  --<resource> ID[=STATE]  a resource the spec names and its state (conform describe lists\n"
    "                         them; repeatable; replaces the default fixtures of that resource)\n"
    "  --no-auth              accept requests without checking signatures, keys, times, nonces\n"
    "  --control              enable the control API under /__conform/ (loopback peers only);\n"
    "                         with several operations, each one's under\n"
    "                         /__conform/operations/<Action>/ (reset and health also plain)\n"
    "  --quota                enforce the spec's rate quota\n"
    "  --fault F              inject a fault (repeatable):\n";

}  // namespace

std::optional<cli::Parsed> parse_mock_options(const Args& args, MockOptions& o) {
  CLI::App app("conform mock");
  cli::configure(app, kUsage + mock::fault_help());
  app.add_option("--spec", o.spec_path);
  app.add_option("--spec-dir", o.spec_dir);
  app.add_option("--operation", o.operations)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--host", o.server.host);
  app.add_option("--port", o.server.port)->check(cli::whole_number(0, 65535, "must be 0 to 65535"));
  app.add_option("--access-key", o.key_flags)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--fixtures", o.fixtures_path);
  app.add_flag_callback("--no-auth", [&o] { o.service.authenticate = false; });
  app.add_flag("--control", o.service.control_api);
  app.add_flag("--quota", o.service.enforce_quota);
  app.add_option("--fault", o.faults)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

  auto parsed = cli::parse(app, args);
  if (parsed.help) {
    std::printf("%s", app.help().c_str());
    return parsed;
  }
  if (parsed.error)
    return parsed;
  o.resource_flags = cli::leftovers(app);
  return std::nullopt;
}

ResourceFlags read_resource_flags(const MockOptions& o, const spec::Operation& op) {
  std::vector<std::string> known;
  for (const auto& [name, _] : op.resources)
    known.push_back("--" + name);
  const auto read = cli::spec_flags(o.resource_flags, known, [](const std::string& flag) {
    const auto name = flag.find_first_not_of('-');
    return "not a flag, and unknown resource \"" +
           (name == std::string::npos ? "" : flag.substr(name)) + "\"";
  });
  ResourceFlags out{{}, read.error};
  for (const auto& flag : read.flags)
    out.flags.emplace_back(flag.name.substr(2), flag.value);
  return out;
}

}  // namespace conform::app
