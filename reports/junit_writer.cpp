#include "reports/junit_writer.h"

#include <map>
#include <pugixml.hpp>
#include <sstream>
#include <stdexcept>

#include "reports/describe.h"
#include "reports/text.h"

namespace conform::report {
namespace {

void attr(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(one_line(xml_safe(value), 4096).c_str());
}

void attr(pugi::xml_node node, const char* name, long long value) {
  node.append_attribute(name).set_value(value);
}

void body(pugi::xml_node node, const std::string& text) {
  node.append_child(pugi::node_pcdata).set_value(xml_safe(text).c_str());
}

void properties(pugi::xml_node suite, const RunInfo& run) {
  auto props = suite.append_child("properties");
  auto add = [&](const char* name, const std::string& value) {
    auto p = props.append_child("property");
    attr(p, "name", name);
    attr(p, "value", value);
  };
  add("conform.seed", std::to_string(run.seed));
  add("conform.target.name", run.target.name);
  add("conform.target.endpoint", run.target.endpoint);
  add("conform.target.kind", run.target.kind);
  add("conform.spec.file", run.spec_file);
  add("conform.spec.sha256", run.spec_sha256);
  add("conform.tool.version", run.tool_version);
  add("conform.run.state", std::string(to_string(run.state)));
  add("conform.run.started_at", run.started_at);
  add("conform.run.finished_at", run.finished_at);
  add("conform.shard", std::to_string(run.shard_index + 1) + "/" + std::to_string(run.shard_total));
  if (run.merged_shards > 0) {
    add("conform.merged_shards", std::to_string(run.merged_shards));
  }
  if (!run.interruption.empty()) {
    add("conform.run.interruption", run.interruption);
  }
}

void testcase(pugi::xml_node parent, const CheckResult& check, const RunInfo& run) {
  auto tc = parent.append_child("testcase");
  attr(tc, "name", check.name);
  // The operation leads: CI tools group test cases by class name.
  attr(tc, "classname", check.operation.empty() ? check.kind : check.operation + "." + check.kind);
  attr(tc, "time", seconds_text(check.duration));
  switch (check.verdict) {
    case Verdict::kPassed:
      return;
    case Verdict::kFailed: {
      auto f = tc.append_child("failure");
      attr(f, "message", failure_line(check));
      attr(f, "type", "nonconformance");
      body(f, details_text(check, run));
      return;
    }
    // Inconclusive and observation become <skipped> with a prefix rather than a pass with
    // <system-out>: Jenkins, GitLab and the GitHub reporters all list skipped tests with their
    // message in the summary, while system-out of a passing test is only visible once a reader
    // opens that one test. Neither is a failure, so neither may turn the build red.
    case Verdict::kSkipped:
    case Verdict::kInconclusive:
    case Verdict::kObservation: {
      const std::string prefix =
          check.verdict == Verdict::kSkipped ? "" : std::string(to_string(check.verdict)) + ": ";
      attr(tc.append_child("skipped"), "message",
           prefix + (check.message.empty() ? "no reason given" : check.message));
      if (check.verdict != Verdict::kSkipped) {
        body(tc.append_child("system-out"), details_text(check, run));
      }
      return;
    }
  }
}

void unfinished_run_suite(pugi::xml_node root, const Results& results, std::size_t id) {
  auto suite = root.append_child("testsuite");
  attr(suite, "name", "run");
  attr(suite, "tests", 1);
  attr(suite, "failures", 0);
  attr(suite, "errors", 1);
  attr(suite, "skipped", 0);
  attr(suite, "time", "0.000");
  attr(suite, "timestamp", results.run.started_at);
  attr(suite, "id", static_cast<long long>(id));
  properties(suite, results.run);
  auto tc = suite.append_child("testcase");
  attr(tc, "name", "run finished");
  attr(tc, "classname", "run");
  attr(tc, "time", "0.000");
  const std::string done = std::to_string(results.checks.size()) + " checks";
  const std::string message =
      results.run.state == RunState::kInterrupted
          ? "run interrupted (" +
                (results.run.interruption.empty() ? std::string("no reason given")
                                                  : results.run.interruption) +
                ") after " + done + "; the checks listed are the ones that finished"
          : "run did not finish: the process stopped (killed or crashed) after " + done +
                "; the checks listed are the ones that finished";
  auto e = tc.append_child("error");
  attr(e, "message", message);
  attr(e, "type", "interrupted");
}

}  // namespace

std::string junit_testcase_fragment(const CheckResult& check, const RunInfo& run) {
  pugi::xml_document doc;
  testcase(doc, check, run);
  std::ostringstream out;
  // Depth 2: where a testcase sits (testsuites > testsuite > testcase), so fragments read the same
  // as a document rendered whole.
  doc.first_child().print(out, "  ", pugi::format_indent, pugi::encoding_utf8, 2);
  return out.str();
}

std::string junit_text(const Results& results, const std::vector<std::string>& fragments) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";

  const Counts all = count(results.checks);
  const bool unfinished = results.run.state != RunState::kFinished;
  auto root = doc.append_child("testsuites");
  attr(root, "name", "conform " + results.run.spec_file);
  attr(root, "tests", all.total + (unfinished ? 1 : 0));
  attr(root, "failures", all.failed);
  attr(root, "errors", unfinished ? 1 : 0);
  attr(root, "time", seconds_text(all.duration));

  // Each suite gets a placeholder comment where its testcases go; the fragments replace it.
  std::vector<std::string> cases_of_suite;
  // One suite per operation and kind, in first-appearance order; one pass, since the sink
  // renders this after every check of a run that may hold thousands.
  struct Group {
    std::string name;
    std::string cases;
    std::vector<CheckResult> counted;  // kind and verdicts only: what count() reads
  };
  std::vector<Group> groups;
  std::map<std::pair<std::string, std::string>, std::size_t> group_of;
  for (std::size_t i = 0; i < results.checks.size(); ++i) {
    const auto& c = results.checks[i];
    const auto [it, fresh] = group_of.emplace(std::pair{c.operation, c.kind}, groups.size());
    if (fresh)
      groups.push_back({c.operation.empty() ? c.kind : c.operation + "." + c.kind, "", {}});
    auto& g = groups[it->second];
    g.cases += fragments.at(i);
    CheckResult light;
    light.kind = c.kind;
    light.verdict = c.verdict;
    light.duration = c.duration;
    light.cases_sent = c.cases_sent;
    light.retries = c.retries;
    g.counted.push_back(std::move(light));
  }
  for (auto& g : groups) {
    const Counts k = count(g.counted);
    auto suite = root.append_child("testsuite");
    attr(suite, "name", g.name);
    attr(suite, "tests", k.total);
    attr(suite, "failures", k.failed);
    attr(suite, "errors", 0);
    attr(suite, "skipped", k.skipped + k.inconclusive + k.observation);
    attr(suite, "time", seconds_text(k.duration));
    attr(suite, "timestamp", results.run.started_at);
    attr(suite, "id", static_cast<long long>(cases_of_suite.size()));
    properties(suite, results.run);
    suite.append_child(pugi::node_comment)
        .set_value(("conform-testcases-" + std::to_string(cases_of_suite.size())).c_str());
    cases_of_suite.push_back(std::move(g.cases));
  }
  if (unfinished) {
    unfinished_run_suite(root, results, cases_of_suite.size());
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  const std::string frame = out.str();
  // One pass, each placeholder searched for after the one before: replacing them in place, each
  // search from the top, went through the whole document once per suite, and a whole product's
  // run (thousands of suites, megabytes of testcases, rewritten as checks finish) spent most of
  // its time there.
  std::size_t size = frame.size();
  for (const auto& cases : cases_of_suite)
    size += cases.size();
  std::string text;
  text.reserve(size);
  std::size_t from = 0;
  for (std::size_t i = 0; i < cases_of_suite.size(); ++i) {
    // Our own comment text: nothing from the results can produce it, since XML text escapes '<'.
    const std::string line = "    <!--conform-testcases-" + std::to_string(i) + "-->\n";
    const auto at = frame.find(line, from);
    if (at == std::string::npos)
      throw std::logic_error("junit: the placeholder of testsuite " + std::to_string(i) +
                             " is missing");
    text.append(frame, from, at - from);
    text += cases_of_suite[i];
    from = at + line.size();
  }
  text.append(frame, from);
  return text;
}

std::string render_junit(const Results& results) {
  std::vector<std::string> fragments;
  fragments.reserve(results.checks.size());
  for (const auto& c : results.checks) {
    fragments.push_back(junit_testcase_fragment(c, results.run));
  }
  return junit_text(results, fragments);
}

}  // namespace conform::report
