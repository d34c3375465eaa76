#include "reports/html_writer.h"

#include <algorithm>
#include <cctype>

#include "core/text/ascii.h"
#include "reports/describe.h"
#include "reports/html_assets.h"
#include "reports/pretty_body.h"
#include "reports/text.h"

namespace conform::report {
namespace {

constexpr Verdict kVerdicts[] = {Verdict::kFailed, Verdict::kInconclusive, Verdict::kObservation,
                                 Verdict::kSkipped, Verdict::kPassed};

// Every dynamic string goes through here: valid UTF-8 without C0 controls first (they are parse
// errors in HTML and render as boxes), then entities.
std::string h(std::string_view text) {
  return html_escape(xml_safe(text));
}

std::string css_token(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  }
  return out;
}

std::string upper(std::string_view text) {
  return text::to_upper(text);
}

std::string verdict_banner(const Results& results, const Counts& c) {
  const Overall o = overall(results);
  std::string sub = std::to_string(c.total) + " checks";
  if (c.failed > 0) {
    sub = std::to_string(c.failed) + " of " + sub + " failed";
  }
  sub += " \u00b7 " + results.run.spec_file;
  if (!results.run.target.name.empty()) {
    sub += " \u00b7 target " + results.run.target.name;
  }
  std::string out = "<header class=\"verdict o-" + css_token(to_string(o)) +
                    "\" id=\"verdict\" data-overall=\"" + h(to_string(o)) + "\">\n";
  out += "<div class=\"word\">" + h(upper(to_string(o))) + "</div>\n";
  out += "<div class=\"sub\">" + h(sub) + "</div>\n</header>\n";
  return out;
}

std::string counts_block(const Counts& c) {
  std::string out = "<section class=\"counts\" aria-label=\"counts\">\n";
  for (Verdict v : kVerdicts) {
    const std::string name(to_string(v));
    out += "<div class=\"count c-" + name + "\"><span class=\"n\" id=\"count-" + name +
           "\" data-count=\"" + name + "\">" + std::to_string(c.of(v)) + "</span>" + name +
           "</div>\n";
  }
  out += "<div class=\"count c-cases\"><span class=\"n\" id=\"count-cases\">" +
         std::to_string(c.cases_sent) + "</span>cases sent</div>\n";
  out += "</section>\n";
  return out;
}

std::string run_block(const Results& results, const Counts& c) {
  const RunInfo& run = results.run;
  auto row = [](std::string_view name, const std::string& value, bool mono = false) {
    return "<tr><th>" + h(name) + "</th><td" + (mono ? " class=\"mono\"" : "") + ">" + h(value) +
           "</td></tr>\n";
  };
  std::string out;
  if (run.state != RunState::kFinished) {
    out += "<p class=\"notice\" id=\"interrupted\"><strong>" +
           std::string(run.state == RunState::kInterrupted ? "Run interrupted"
                                                           : "Run did not finish") +
           "</strong>: " +
           h(run.interruption.empty() ? "the process stopped before the end of the run"
                                      : run.interruption) +
           ". Only the " + std::to_string(c.total) + " checks that finished are shown.</p>\n";
  }
  out += "<h2>Run</h2>\n<table class=\"meta\">\n";
  out += row("seed", std::to_string(run.seed), true);
  out += row("target",
             run.target.name + (run.target.kind.empty() ? "" : " (" + run.target.kind + ")"));
  out += row("endpoint", run.target.endpoint, true);
  out += row("spec", run.spec_file, true);
  out += row("spec sha256", run.spec_sha256, true);
  out += row("started", run.started_at);
  out += row("finished", run.finished_at.empty() ? "(not finished)" : run.finished_at);
  out += row("check time", seconds_text(c.duration) + " s");
  out += row("shard",
             run.merged_shards > 0
                 ? "merged from " + std::to_string(run.merged_shards) + " shards"
                 : std::to_string(run.shard_index + 1) + " of " + std::to_string(run.shard_total));
  out += row("tool", "conform " + run.tool_version);
  out += "</table>\n";
  return out;
}

std::string filters(const std::vector<std::string>& kinds) {
  std::string out =
      "<nav class=\"filters\" aria-label=\"filters\">\n<fieldset><legend>Kind</legend>";
  for (const auto& k : kinds) {
    out += "<label><input type=\"checkbox\" name=\"kind\" value=\"" + h(k) + "\" checked> " + h(k) +
           "</label>";
  }
  out += "</fieldset>\n<fieldset><legend>Verdict</legend>";
  for (Verdict v : kVerdicts) {
    const std::string name(to_string(v));
    out += "<label><input type=\"checkbox\" name=\"verdict\" value=\"" + name + "\" checked> " +
           name + "</label>";
  }
  out +=
      "</fieldset>\n<button type=\"button\" id=\"open-failures\">open all failures</button>"
      "<button type=\"button\" id=\"close-all\">close all</button>"
      "<span id=\"shown\"></span>\n</nav>\n";
  return out;
}

std::string body_pre(std::string_view label, const std::string& text) {
  return "<div><h4>" + h(label) + "</h4><pre>" + h(text) + "</pre></div>\n";
}

std::string details(const CheckResult& c, const RunInfo& run, std::size_t index) {
  std::string out;
  if (!c.message.empty()) {
    out += "<p class=\"message\">" + h(c.message) + "</p>\n";
  }
  out += "<dl class=\"facts\">\n";
  auto fact = [&](std::string_view name, const std::string& value) {
    out += "<dt>" + h(name) + "</dt><dd>" + h(value) + "</dd>\n";
  };
  fact("spec", spec_ref_text(c.spec));
  fact("seed", std::to_string(effective_seed(c, run)));
  if (!c.expected.empty()) {
    fact("accepts", accepted_text(c.expected));
  }
  if (c.observed) {
    fact("got", observed_text(*c.observed));
  }
  fact("cases sent", std::to_string(c.cases_sent) +
                         (c.retries > 0 ? " (" + std::to_string(c.retries) + " retries)" : ""));
  out += "</dl>\n";
  if (c.counterexample) {
    out += "<h4>Counterexample: " + h(c.counterexample->description) + "</h4>\n";
    out += "<table class=\"params mono\">";
    for (const auto& [name, value] : c.counterexample->parameters) {
      out += "<tr><td>" + h(name) + "</td><td>" + h(value) + "</td></tr>";
    }
    out += "</table>\n";
  }
  for (std::size_t i = 0; i < c.exchanges.size(); ++i) {
    const std::string n = c.exchanges.size() > 1 ? " " + std::to_string(i + 1) : "";
    out += "<div class=\"exchange\">\n" + body_pre("Request" + n, request_text(c.exchanges[i])) +
           body_pre("Response" + n, response_text(c.exchanges[i])) + "</div>\n";
  }
  if (const std::string replay = replay_of(c); !replay.empty()) {
    const std::string id = "replay-" + std::to_string(index);
    out += "<h4>Replay</h4><div class=\"replay\"><pre id=\"" + id + "\">" + h(replay) +
           "</pre><button type=\"button\" class=\"copy\" data-copy=\"" + id +
           "\">Copy</button></div>\n";
  }
  return out;
}

bool has_details(const CheckResult& c) {
  return c.verdict != Verdict::kPassed || !c.exchanges.empty() || c.counterexample.has_value();
}

std::string kind_table(const Results& results, const std::string& kind, std::size_t& index,
                       bool& first_failure_open) {
  std::vector<const CheckResult*> of_kind;
  for (const auto& c : results.checks) {
    if (c.kind == kind) {
      of_kind.push_back(&c);
    }
  }
  const Counts k = count(results.checks, kind);
  std::string summary;
  for (Verdict v : kVerdicts) {
    if (k.of(v) > 0) {
      summary +=
          (summary.empty() ? "" : ", ") + std::to_string(k.of(v)) + " " + std::string(to_string(v));
    }
  }
  std::string out = "<section class=\"kind\" data-kind=\"" + h(kind) + "\">\n<h2>" + h(kind) +
                    " <small>" + h(summary) + "</small></h2>\n";
  out +=
      "<table class=\"checks\"><thead><tr><th class=\"c-verdict\">verdict</th>"
      "<th class=\"c-check\">check</th><th class=\"c-spec\">spec</th><th "
      "class=\"c-accepts\">accepts</th>"
      "<th class=\"c-got\">got</th>"
      "<th class=\"c-num\">cases</th><th class=\"c-num\">time (s)</th></tr></thead>\n<tbody>\n";
  for (const CheckResult* c : of_kind) {
    const std::size_t i = index++;
    const std::string verdict(to_string(c->verdict));
    // The first failure opens by itself, so a reviewer lands on evidence, not on a list.
    const bool open = c->verdict == Verdict::kFailed && !first_failure_open && has_details(*c);
    first_failure_open = first_failure_open || open;
    out += "<tr class=\"check v-" + verdict + "\" id=\"check-" + std::to_string(i) +
           "\" data-index=\"" + std::to_string(i) + "\" data-kind=\"" + h(c->kind) +
           "\" data-verdict=\"" + verdict + "\" data-open=\"" + (open ? "1" : "0") + "\">";
    out += "<td><span class=\"badge b-" + verdict + "\">" + upper(verdict) + "</span></td>";
    out += "<td class=\"check-cell\"><span class=\"name\">" + h(c->name) + "</span>";
    if (has_details(*c)) {
      out += std::string("<button type=\"button\" class=\"toggle\" aria-expanded=\"") +
             (open ? "true\">hide details" : "false\">details") + "</button>";
    }
    if (!c->message.empty() && c->verdict != Verdict::kPassed) {
      out += "<div class=\"message\">" + h(one_line(c->message, 240)) + "</div>";
    }
    out += "</td><td class=\"mono spec\">" +
           h(c->spec.rule.empty() ? c->spec.pointer : c->spec.rule) + "</td>";
    // One accepted answer per line: outcomes with four alternatives stay readable.
    out += "<td class=\"answer\">";
    for (std::size_t a = 0; a < c->expected.size(); ++a) {
      out += (a == 0 ? "" : "<br>") + h(answer_text(c->expected[a]));
    }
    out += "</td>";
    out += "<td class=\"answer\">";
    if (c->observed) {
      // The content type on its own line: long ones would otherwise squeeze the column.
      out += c->observed->http == 0 ? h(observed_text(*c->observed))
                                    : h(answer_text({c->observed->http, c->observed->code}));
      if (!c->observed->content_type.empty()) {
        out += "<br><small>" + h(c->observed->content_type) + "</small>";
      }
    }
    out += "</td>";
    out += "<td class=\"num\">" + std::to_string(c->cases_sent) + "</td>";
    out += "<td class=\"num\">" + seconds_text(c->duration) + "</td></tr>\n";
    if (has_details(*c)) {
      out += "<tr class=\"detail\" id=\"detail-" + std::to_string(i) + "\"" +
             (open ? "" : " hidden") + "><td colspan=\"7\">\n" + details(*c, results.run, i) +
             "</td></tr>\n";
    }
  }
  out += "</tbody></table>\n</section>\n";
  return out;
}

std::string coverage_group(std::string_view title, std::string_view id,
                           const std::vector<CoverageItem>& items) {
  const auto exercised = std::count_if(items.begin(), items.end(),
                                       [](const CoverageItem& i) { return i.exercised(); });
  std::string out = "<h3 id=\"coverage-" + std::string(id) + "\">" + h(title) + " <small>" +
                    std::to_string(exercised) + " of " + std::to_string(items.size()) +
                    " exercised</small></h3>\n<div class=\"cov-grid\">\n";
  if (items.empty()) {
    out += "<span class=\"muted\">none recorded</span>\n";
  }
  for (const auto& i : items) {
    const bool yes = i.exercised();
    out += std::string("<div class=\"cov ") + (yes ? "yes" : "no") + "\" data-exercised=\"" +
           (yes ? "1" : "0") + "\"><span class=\"mono\">" + h(i.name) +
           "</span><span class=\"state\">" +
           (yes ? "\u2713 " + std::to_string(i.count) + (i.count == 1 ? " case" : " cases")
                : std::string("\u2717 not exercised")) +
           "</span></div>\n";
  }
  out += "</div>\n";
  return out;
}

std::string coverage_block(const Coverage& cov) {
  return "<section id=\"coverage\">\n<h2>Coverage</h2>\n" +
         coverage_group("Parameters", "parameters", cov.parameters) +
         coverage_group("Enum values", "enum-values", cov.enum_values) +
         coverage_group("Boundaries", "boundaries", cov.boundaries) +
         coverage_group("Outcomes", "outcomes", cov.outcomes) + "</section>\n";
}

}  // namespace

std::string render_html(const Results& results) {
  const Counts c = count(results.checks);
  const auto kinds = kinds_in_order(results.checks);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // Nothing may be fetched: the page must open offline, and a hostile body that slipped past
      // escaping still could not load or send anything.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";
  out += "<title>conform: " + h(to_string(overall(results))) + " \u2014 " +
         h(results.run.spec_file) + "</title>\n<style>" + std::string(kReportCss) +
         "</style>\n</head>\n<body data-js=\"pending\">\n";
  out += verdict_banner(results, c);
  out += "<main>\n" + counts_block(c) + run_block(results, c);
  out += "<h2>Checks</h2>\n" + filters(kinds);
  if (results.checks.empty()) {
    out += "<p class=\"muted\">No check finished.</p>\n";
  }
  std::size_t index = 0;
  bool first_failure_open = false;
  const auto operations = operations_in_order(results.checks);
  if (operations.size() <= 1) {
    for (const auto& kind : kinds) {
      out += kind_table(results, kind, index, first_failure_open);
    }
  }
  // Several operations: each under its own heading, its kinds within.
  for (std::size_t o = 0; operations.size() > 1 && o < operations.size(); ++o) {
    Results of_operation;
    of_operation.run = results.run;
    of_operation.checks = checks_of(results.checks, operations[o]);
    const Counts k = count(of_operation.checks);
    out += "<section class=\"operation\" data-operation=\"" + h(operations[o]) + "\">\n<h2>" +
           h(operations[o]) + " <small>" + std::to_string(k.passed) + " passed, " +
           std::to_string(k.failed) + " failed, " + std::to_string(k.skipped) + " skipped, " +
           std::to_string(k.inconclusive) + " inconclusive, " + std::to_string(k.observation) +
           " observation</small></h2>\n";
    for (const auto& kind : kinds_in_order(of_operation.checks)) {
      out += kind_table(of_operation, kind, index, first_failure_open);
    }
    out += "</section>\n";
  }
  out += coverage_block(results.coverage);
  out += "<footer>Generated by conform " + h(results.run.tool_version) +
         " from results.json (conform-results/1).</footer>\n</main>\n";
  out += "<script>" + std::string(kReportJs) + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace conform::report
