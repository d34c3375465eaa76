#include "reports/terminal.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "core/text/ascii.h"
#include "reports/describe.h"
#include "reports/text.h"

namespace conform::report {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";

std::string_view colour_of(Verdict v) {
  switch (v) {
    case Verdict::kPassed:
      return "\x1b[32m";
    case Verdict::kFailed:
      return "\x1b[1;31m";
    case Verdict::kSkipped:
      return "\x1b[2m";
    case Verdict::kInconclusive:
      return "\x1b[33m";
    case Verdict::kObservation:
      return "\x1b[36m";
  }
  return "";
}

std::string paint(std::string_view text, std::string_view code, bool colour) {
  if (!colour || code.empty()) {
    return std::string(text);
  }
  return std::string(code) + std::string(text) + std::string(kReset);
}

std::string_view tag(Verdict v) {
  switch (v) {
    case Verdict::kPassed:
      return "PASS";
    case Verdict::kFailed:
      return "FAIL";
    case Verdict::kSkipped:
      return "SKIP";
    case Verdict::kInconclusive:
      return "INCO";
    case Verdict::kObservation:
      return "NOTE";
  }
  return "????";
}

std::string clock_text(std::chrono::seconds s) {
  const auto total = s.count();
  char buf[32];
  if (total >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(total / 3600),
                  static_cast<long long>(total / 60 % 60), static_cast<long long>(total % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(total / 60),
                  static_cast<long long>(total % 60));
  }
  return buf;
}

std::string pad(std::string text, std::size_t width, bool right = false) {
  if (text.size() < width) {
    const std::string fill(width - text.size(), ' ');
    text = right ? fill + text : text + fill;
  }
  return text;
}

constexpr Verdict kColumns[] = {Verdict::kPassed, Verdict::kFailed, Verdict::kSkipped,
                                Verdict::kInconclusive, Verdict::kObservation};

// Pipes and backticks would end a Markdown table cell or open a code span.
std::string md(std::string_view text) {
  std::string out;
  for (char c : one_line(text, 200)) {
    if (c == '|' || c == '`' || c == '<' || c == '>' || c == '*' || c == '_') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

}  // namespace

bool use_colour(bool is_tty, const char* no_color) {
  return is_tty && (no_color == nullptr || no_color[0] == '\0');
}

std::string progress_line(const Progress& p, bool colour) {
  std::string done = std::to_string(p.checks_done);
  if (p.checks_total) {
    const std::string total = std::to_string(*p.checks_total);
    done = pad(done, total.size(), true) + "/" + total;
  }
  std::string line = "[" + done + "] " + std::to_string(p.cases_sent) + " cases";
  const std::string failed = std::to_string(p.failures) + " failed";
  line += "  " + (p.failures > 0 ? paint(failed, colour_of(Verdict::kFailed), colour) : failed);
  const double seconds = static_cast<double>(p.elapsed.count()) / 1000.0;
  if (seconds > 0) {
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.1f cases/s", p.cases_sent / seconds);
    line += std::string("  ") + rate;
  }
  if (p.checks_total && p.checks_done > 0 && p.checks_done < *p.checks_total) {
    const auto left = p.elapsed * (*p.checks_total - p.checks_done) / p.checks_done;
    line += "  " + clock_text(std::chrono::duration_cast<std::chrono::seconds>(left)) + " left";
  }
  return line;
}

std::string check_line(const CheckResult& c, bool colour) {
  // Names and messages may quote a server's answer: no control character may reach a terminal.
  std::string line =
      paint(tag(c.verdict), colour_of(c.verdict), colour) + " " +
      one_line(xml_safe((c.operation.empty() ? "" : c.operation + " ") + c.kind + "/" + c.name),
               200);
  if (c.verdict == Verdict::kFailed) {
    line += ": " + failure_line(c);
  } else if (c.verdict != Verdict::kPassed && !c.message.empty()) {
    line += ": " + one_line(xml_safe(c.message), 160);
  }
  line += " (" + std::to_string(c.cases_sent) + " cases, " + seconds_text(c.duration) + " s)\n";
  return line;
}

std::string summary_table(const Results& results, bool colour) {
  const auto kinds = kinds_in_order(results.checks);
  std::size_t width = 5;  // "total"
  for (const auto& k : kinds) {
    width = std::max(width, k.size());
  }
  if (const auto names = operations_in_order(results.checks); names.size() > 1) {
    for (const auto& n : names)
      width = std::max(width, n.size());
  }
  std::string out = pad("kind", width);
  for (Verdict v : kColumns) {
    out += "  " + pad(std::string(to_string(v)), 12, true);
  }
  out += "  " + pad("cases", 8, true) + "\n";
  auto row = [&](const std::string& name, const Counts& c) {
    std::string line = pad(name, width);
    for (Verdict v : kColumns) {
      const std::string cell = pad(std::to_string(c.of(v)), 12, true);
      line += "  " + (c.of(v) > 0 ? paint(cell, colour_of(v), colour) : cell);
    }
    return line + "  " + pad(std::to_string(c.cases_sent), 8, true) + "\n";
  };
  for (const auto& k : kinds) {
    out += row(k, count(results.checks, k));
  }
  // A run of several operations: their rows too, each over all its kinds.
  const auto operations = operations_in_order(results.checks);
  if (operations.size() > 1) {
    out += std::string(width + 14 * 5 + 10, '-') + "\n";
    for (const auto& name : operations)
      out += row(name, count_operation(results.checks, name));
  }
  out += std::string(width + 14 * 5 + 10, '-') + "\n";
  out += row("total", count(results.checks));
  const Overall o = overall(results);
  const std::string_view code = o == Overall::kConformant      ? colour_of(Verdict::kPassed)
                                : o == Overall::kNonConformant ? colour_of(Verdict::kFailed)
                                                               : colour_of(Verdict::kInconclusive);
  const std::string word = text::to_upper(to_string(o));
  out += "\n" + paint(word, colour ? std::string(kBold) + std::string(code) : "", colour) +
         "  seed " + std::to_string(results.run.seed) + "  spec " + results.run.spec_file + "\n";
  if (results.run.state != RunState::kFinished) {
    out += "run " + std::string(to_string(results.run.state)) +
           (results.run.interruption.empty() ? "" : ": " + results.run.interruption) + "\n";
  }
  return out;
}

std::string markdown_summary(const Results& results) {
  const Counts all = count(results.checks);
  const Overall o = overall(results);
  const std::string_view icon = o == Overall::kConformant      ? "\u2705"
                                : o == Overall::kNonConformant ? "\u274c"
                                                               : "\u26a0\ufe0f";
  std::string out = "### " + std::string(icon) + " conform: " + std::string(to_string(o)) + "\n\n";
  out += "Spec `" + md(results.run.spec_file) + "`, target " + md(results.run.target.name) +
         ", seed `" + std::to_string(results.run.seed) + "`";
  if (results.run.state != RunState::kFinished) {
    out += ", run **" + std::string(to_string(results.run.state)) + "**";
  }
  out += ".\n\n| kind | passed | failed | skipped | inconclusive | observation | cases |\n";
  out += "|---|---:|---:|---:|---:|---:|---:|\n";
  auto row = [&](const std::string& name, const Counts& c) {
    std::string line = "| " + name;
    for (Verdict v : kColumns) {
      line += " | " + std::to_string(c.of(v));
    }
    return line + " | " + std::to_string(c.cases_sent) + " |\n";
  };
  for (const auto& k : kinds_in_order(results.checks)) {
    out += row(md(k), count(results.checks, k));
  }
  out += row("**total**", all);
  if (all.failed > 0) {
    out += "\n**Failures**\n\n";
    for (const auto& c : results.checks) {
      if (c.verdict == Verdict::kFailed) {
        out += "- " + md((c.operation.empty() ? "" : c.operation + " ") + c.kind + "/" + c.name) +
               ": " + md(failure_line(c)) + "\n";
      }
    }
  }
  return out;
}

std::optional<std::string> append_step_summary(const Results& results) {
  const char* path = std::getenv("GITHUB_STEP_SUMMARY");
  if (path == nullptr || path[0] == '\0') {
    return std::nullopt;
  }
  std::ofstream out(path, std::ios::app | std::ios::binary);
  out << markdown_summary(results) << "\n";
  if (!out) {
    return std::string("cannot append to $GITHUB_STEP_SUMMARY (") + path + ")";
  }
  return std::nullopt;
}

ProgressPrinter::ProgressPrinter(std::FILE* out, bool is_tty, bool colour,
                                 std::optional<int> checks_total)
    : out_(out),
      tty_(is_tty),
      colour_(colour),
      total_(checks_total),
      start_(std::chrono::steady_clock::now()) {}

void ProgressPrinter::on_check(const CheckResult& check, const Counts& so_far) {
  if (!tty_) {
    std::fputs(check_line(check, colour_).c_str(), out_);
    return;
  }
  if (check.verdict == Verdict::kFailed) {
    // A failure gets its own permanent line above the progress line.
    std::fputs(("\r\x1b[2K" + check_line(check, colour_)).c_str(), out_);
  }
  const Progress p{so_far.total, total_, so_far.cases_sent, so_far.failed,
                   std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - start_)};
  std::fputs(("\r\x1b[2K" + progress_line(p, colour_)).c_str(), out_);
  std::fflush(out_);
  drawn_ = true;
}

void ProgressPrinter::finish() {
  if (tty_ && drawn_) {
    std::fputs("\n", out_);
    std::fflush(out_);
  }
  drawn_ = false;
}

}  // namespace conform::report
