#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "app/cli_parse.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "reports/merge.h"
#include "reports/report_files.h"
#include "reports/results_json.h"
#include "reports/terminal.h"

namespace conform::app {
namespace {

constexpr const char* kHelp =
    "usage: conform report render --results FILE --out DIR\n"
    "       conform report merge --out DIR DIR1 DIR2 ...\n"
    "\n"
    "render  re-renders junit.xml and report.html (and a normalised results.json) from a\n"
    "        results.json, e.g. after a run was killed before it wrote report.html.\n"
    "merge   joins the results.json of each shard directory into one results.json, junit.xml\n"
    "        and report.html in DIR. Shards must share spec (file and sha256; for conform run\n"
    "        --shard, the set of operations), seed, target and shard total, each shard may appear\n"
    "        once and each operation in one shard; a missing shard marks the merged run\n"
    "        interrupted. Appends a Markdown summary to $GITHUB_STEP_SUMMARY when it is set.\n"
    "\n"
    "Values of ALIBABA_CLOUD_ACCESS_KEY_SECRET and ALIBABA_CLOUD_SECURITY_TOKEN, when set, are\n"
    "scrubbed from every file written.\n"
    "\n"
    "Exit: 0 written (whatever the verdicts); 2 bad usage, unreadable or invalid results.json,\n"
    "shards that cannot be merged, or an output directory that cannot be written.\n";

int fail(const std::string& what) {
  std::fprintf(stderr, "conform report: %s\n", what.c_str());
  return kExitUsage;
}

std::vector<std::string> secrets_from_env() {
  std::vector<std::string> out;
  for (const char* name : {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"}) {
    if (const char* v = std::getenv(name); v != nullptr && v[0] != '\0') {
      out.emplace_back(v);
    }
  }
  return out;
}

enum class StepSummary { kSkip, kAppend };

int write_and_summarise(const std::string& out_dir, const report::Results& results,
                        StepSummary step_summary) {
  try {
    // The input may come from anywhere: mask it as the sink would have.
    const report::Scrubber scrubber(secrets_from_env());
    report::write_report_files(out_dir, scrubber.results(results), scrubber,
                               report::WithHtml::kYes);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  std::fputs(
      report::summary_table(results, report::use_colour(tty, std::getenv("NO_COLOR"))).c_str(),
      stdout);
  std::printf("wrote %s/{results.json,junit.xml,report.html}\n", out_dir.c_str());
  if (step_summary == StepSummary::kSkip) {
    return kExitConformant;
  }
  if (const auto error = report::append_step_summary(results)) {
    std::fprintf(stderr, "conform report: warning: %s\n", error->c_str());
  }
  return kExitConformant;
}

int render(const std::string& results_path, const std::string& out_dir) {
  if (results_path.empty() || out_dir.empty()) {
    return fail("render: --results FILE and --out DIR are both required");
  }
  try {
    // Re-rendering is a local chore, not the end of a CI job: it leaves the job summary alone.
    return write_and_summarise(out_dir, report::read_results(results_path), StepSummary::kSkip);
  } catch (const report::ResultsError& e) {
    return fail(e.what());
  }
}

int merge(const std::string& out_dir, const std::vector<std::string>& inputs) {
  if (out_dir.empty() || inputs.empty()) {
    return fail("merge: --out DIR and at least one shard directory are required");
  }
  std::vector<report::ShardResults> shards;
  try {
    for (const auto& dir : inputs) {
      const std::string file =
          (std::filesystem::path(dir) / std::string(report::kResultsFile)).string();
      shards.push_back({file, report::read_results(file)});
    }
    return write_and_summarise(out_dir, report::merge_results(shards), StepSummary::kAppend);
  } catch (const report::ResultsError& e) {
    return fail(e.what());
  } catch (const report::MergeError& e) {
    return fail(std::string("merge: ") + e.what());
  }
}

}  // namespace

int run_report(const Args& args) {
  if (args.empty()) {
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  CLI::App app("conform report");
  cli::configure(app, kHelp);
  app.require_subcommand(0, 1);
  std::string results_path;
  std::string out_dir;
  std::vector<std::string> inputs;
  auto* render_command = app.add_subcommand("render");
  cli::configure(*render_command, kHelp);
  render_command->add_option("--results", results_path);
  render_command->add_option("--out", out_dir);
  auto* merge_command = app.add_subcommand("merge");
  cli::configure(*merge_command, kHelp);
  merge_command->add_option("--out", out_dir);
  merge_command->add_option("dirs", inputs)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

  const auto parsed = cli::parse(app, args);
  if (parsed.help) {
    std::fputs(app.help().c_str(), stdout);
    return kExitConformant;
  }
  if (parsed.error) {
    const auto* command = render_command->parsed()  ? render_command
                          : merge_command->parsed() ? merge_command
                                                    : nullptr;
    return fail((command ? command->get_name() + ": " : "") + *parsed.error);
  }
  if (const auto rest = app.remaining(); !rest.empty() && rest.front().starts_with("-"))
    return fail(*cli::no_leftovers(app));
  if (render_command->parsed()) {
    if (const auto error = cli::no_leftovers(*render_command))
      return fail("render: " + *error);
    return render(results_path, out_dir);
  }
  if (merge_command->parsed()) {
    if (const auto error = cli::no_leftovers(*merge_command))
      return fail("merge: " + *error);
    return merge(out_dir, inputs);
  }
  return fail("unknown subcommand '" + args[0] + "' (render or merge)");
}

}  // namespace conform::app
