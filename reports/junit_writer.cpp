#include "reports/junit_writer.h"

#include <pugixml.hpp>
#include <sstream>

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

void testcase(pugi::xml_node suite, const CheckResult& check, const RunInfo& run) {
  auto tc = suite.append_child("testcase");
  attr(tc, "name", check.name);
  attr(tc, "classname", check.kind);
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

std::string render_junit(const Results& results) {
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

  std::size_t id = 0;
  for (const auto& kind : kinds_in_order(results.checks)) {
    std::vector<CheckResult> of_kind;
    for (const auto& c : results.checks) {
      if (c.kind == kind) {
        of_kind.push_back(c);
      }
    }
    const Counts k = count(of_kind);
    auto suite = root.append_child("testsuite");
    attr(suite, "name", kind);
    attr(suite, "tests", k.total);
    attr(suite, "failures", k.failed);
    attr(suite, "errors", 0);
    attr(suite, "skipped", k.skipped + k.inconclusive + k.observation);
    attr(suite, "time", seconds_text(k.duration));
    attr(suite, "timestamp", results.run.started_at);
    attr(suite, "id", static_cast<long long>(id++));
    properties(suite, results.run);
    for (const auto& c : of_kind) {
      testcase(suite, c, results.run);
    }
  }
  if (unfinished) {
    unfinished_run_suite(root, results, id);
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent | pugi::format_save_file_text, pugi::encoding_utf8);
  return out.str();
}

}  // namespace conform::report
