// Every command's flags through CLI11, as a process: --help lists every option and exits 0; an
// unknown flag exits 2 naming it and the nearest known one; a flag missing its value, or given a
// value that is not the number it needs, exits 2 naming the flag. The expected lines are written
// out here, not computed from the parser.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/run_command.h"

namespace conform::testing {
namespace {

struct Case {
  std::string args;
  std::string err;  // the whole of stderr
};

void expect_usage_errors(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    const auto r = run_conform(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_EQ(r.err, c.err) << c.args;
    EXPECT_TRUE(r.out.empty()) << c.args << ": " << r.out;
  }
}

std::string run_error(const std::string& message) {
  return "conform run: " + message + "\n(see conform run --help)\n";
}
std::string mock_error(const std::string& message) {
  return "conform mock: " + message + "\n(see conform mock --help)\n";
}

TEST(cli_flags, help_lists_every_option_of_every_command) {
  struct Help {
    std::string command;
    std::vector<std::string> options;
  };
  for (const auto& h : std::vector<Help>{
           {"", {"run", "lint", "describe", "mock", "sign", "report", "--help"}},
           {"run",
            {"--target FILE", "--endpoint URL", "--region ID", "--<state>-<resource> ID",
             "--other-<resource> ID", "--spec FILE", "--kind K", "--seed N", "--cases N",
             "--report-dir DIR", "--allow-billable", "--max-orders N", "--dry-run", "--timeout MS",
             "--in-flight N"}},
           {"mock",
            {"--spec FILE", "--host ADDR", "--port N", "--access-key ID:SECRET[:TOKEN]",
             "--fixtures FILE", "--<resource> ID[=STATE]", "--no-auth", "--control", "--quota",
             "--fault F"}},
           {"lint", {"--strict", "--format F", "[SPEC.json ...]"}},
           {"describe", {"[SPEC.json ...]"}},
           {"sign", {"[--secret-from-input]", "<request.json | ->"}},
           {"report", {"render --results FILE --out DIR", "merge --out DIR DIR1 DIR2 ..."}},
       }) {
    for (const std::string flag : {"--help", "-h"}) {
      const auto r = run_conform(h.command + " " + flag);
      EXPECT_EQ(r.exit_code, 0) << h.command << " " << flag << ": " << r.err;
      EXPECT_TRUE(r.err.empty()) << h.command << " " << flag << ": " << r.err;
      for (const auto& option : h.options) {
        EXPECT_NE(r.out.find(option), std::string::npos)
            << h.command << " " << flag << " does not list " << option << "\n"
            << r.out;
      }
    }
  }
}

TEST(cli_flags, help_wins_over_a_bad_value_and_reaches_the_subcommands) {
  for (const std::string args :
       {"run --seed x --help", "mock --port abc -h", "report render --help", "report merge -h"}) {
    const auto r = run_conform(args);
    EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
    EXPECT_EQ(r.out.rfind("usage: conform ", 0), 0u) << args << ": " << r.out;
  }
}

TEST(cli_flags, an_unknown_flag_is_named_with_the_nearest_known_one) {
  expect_usage_errors({
      {"run --alow-billable",
       run_error("--alow-billable: unknown option; did you mean --allow-billable?")},
      {"run --dryrun", run_error("--dryrun: unknown option; did you mean --dry-run?")},
      {"run --report-dri out",
       run_error("--report-dri: unknown option; did you mean --report-dir?")},
      // The resource flags come from the spec: its states of circuit, and --other-circuit.
      {"run --complet-circuit pc-1",
       run_error("--complet-circuit: unknown option; did you mean --complete-circuit?")},
      {"run --othr-circuit pc-1",
       run_error("--othr-circuit: unknown option; did you mean --other-circuit?")},
      {"run --enabled-circuits pc-1",
       run_error("--enabled-circuits: unknown option; did you mean --enabled-circuit?")},
      {"mock --contrl",
       mock_error("--contrl: unknown option (not a flag, and unknown resource \"contrl\"); did you "
                  "mean --control?")},
      {"mock --circut pc-1=Complete",
       mock_error("--circut: unknown option (not a flag, and unknown resource \"circut\"); did you "
                  "mean --circuit?")},
      {"lint --strikt",
       "conform lint: --strikt: unknown option; did you mean --strict?\n(see conform lint "
       "--help)\n"},
      {"describe --hepl",
       "conform describe: --hepl: unknown option; did you mean --help?\n(see conform describe "
       "--help)\n"},
      {"sign --secret-from-inptu request.json",
       "conform sign: --secret-from-inptu: unknown option; did you mean --secret-from-input?\n(see "
       "conform sign --help)\n"},
      {"report render --reslts results.json --out out",
       "conform report: render: --reslts: unknown option; did you mean --results?\n"},
      {"report merge --ot out shard-1",
       "conform report: merge: --ot: unknown option; did you mean --out?\n"},
  });
}

TEST(cli_flags, an_unknown_flag_is_not_taken_for_one_needing_a_value) {
  // Before CLI11, `conform run --bogus` said "--bogus needs a value".
  const auto r = run_conform("run --bogus");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("conform run: --bogus: unknown option; did you mean --", 0), 0u) << r.err;
  const auto top = run_conform("--verison");
  EXPECT_EQ(top.exit_code, 2);
  EXPECT_EQ(top.err.rfind("conform: --verison: unknown option; did you mean --version?\n", 0), 0u)
      << top.err;
}

TEST(cli_flags, an_unknown_flag_never_echoes_its_value) {
  for (const std::string args : {"run --access-key-secret=Zq7Wm2Xr9Tk4",
                                 "mock --secret=Zq7Wm2Xr9Tk4", "lint --key=Zq7Wm2Xr9Tk4"}) {
    const auto r = run_conform(args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_EQ(r.err.find("Zq7Wm2Xr9Tk4"), std::string::npos) << args << ": " << r.err;
    EXPECT_NE(r.err.find("unknown option"), std::string::npos) << args << ": " << r.err;
  }
}

TEST(cli_flags, a_flag_missing_its_value_is_named) {
  std::vector<Case> cases;
  for (const std::string flag :
       {"--spec", "--target", "--endpoint", "--region", "--kind", "--seed", "--cases",
        "--report-dir", "--max-orders", "--timeout", "--complete-circuit", "--other-circuit"}) {
    cases.push_back({"run " + flag, run_error(flag + " needs a value")});
  }
  for (const std::string flag :
       {"--spec", "--host", "--port", "--access-key", "--fixtures", "--fault", "--circuit"}) {
    cases.push_back({"mock " + flag, mock_error(flag + " needs a value")});
  }
  cases.push_back(
      {"lint --format", "conform lint: --format needs a value\n(see conform lint --help)\n"});
  cases.push_back(
      {"report render --out out --results", "conform report: render: --results needs a value\n"});
  cases.push_back({"report merge shard-1 --out", "conform report: merge: --out needs a value\n"});
  expect_usage_errors(cases);
}

TEST(cli_flags, a_value_that_is_not_the_number_a_flag_needs_is_named) {
  expect_usage_errors({
      {"run --seed x", run_error("--seed needs a non-negative whole number")},
      {"run --seed=x", run_error("--seed needs a non-negative whole number")},
      {"run --seed -1", run_error("--seed needs a non-negative whole number")},
      {"run --seed 18446744073709551616", run_error("--seed needs a non-negative whole number")},
      {"run --cases 0", run_error("--cases needs a whole number of at least 1")},
      {"run --cases 1.5", run_error("--cases needs a whole number of at least 1")},
      {"run --timeout -5", run_error("--timeout needs a whole number of at least 1")},
      {"run --timeout abc", run_error("--timeout needs a whole number of at least 1")},
      {"run --timeout 2147483648",
       run_error("--timeout needs a whole number of at most 2147483647")},
      {"run --max-orders -1", run_error("--max-orders needs a whole number of at least 0")},
      {"run --in-flight 0", run_error("--in-flight needs a whole number of at least 1")},
      {"run --in-flight 257", run_error("--in-flight needs a whole number of at most 256")},
      {"mock --port abc", mock_error("--port must be 0 to 65535")},
      {"mock --port -1", mock_error("--port must be 0 to 65535")},
      {"mock --port 65536", mock_error("--port must be 0 to 65535")},
      {"lint --format yaml",
       "conform lint: --format must be text or json, not 'yaml'\n(see conform lint --help)\n"},
  });
}

TEST(cli_flags, stray_arguments_are_named) {
  expect_usage_errors({
      {"run stray", run_error("unexpected argument 'stray'")},
      {"run --dry-run --complete-circuit pc-1 stray", run_error("unexpected argument 'stray'")},
      {"mock stray", mock_error("unexpected argument 'stray'")},
      {"sign a.json b.json", "conform sign: b.json: only one input may be given\n"},
      {"report render --results r.json --out out extra",
       "conform report: render: unexpected argument 'extra'\n"},
      {"report frobnicate", "conform report: unknown subcommand 'frobnicate' (render or merge)\n"},
  });
}

}  // namespace
}  // namespace conform::testing
