#include "reports/describe.h"

#include "reports/pretty_body.h"
#include "reports/text.h"

namespace conform::report {

std::string answer_text(const spec::Answer& answer) {
  std::string out = std::to_string(answer.http);
  if (!answer.code.empty()) {
    out += " " + answer.code;
  }
  return out;
}

std::string accepted_text(const std::vector<spec::Answer>& answers) {
  if (answers.empty()) {
    return "(none listed)";
  }
  std::string out;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    out += (i == 0 ? "" : " or ") + answer_text(answers[i]);
  }
  return out;
}

std::string observed_text(const Observed& observed) {
  if (observed.http == 0) {
    return "no HTTP answer";
  }
  std::string out = answer_text({observed.http, observed.code});
  if (!observed.content_type.empty()) {
    out += " (" + observed.content_type + ")";
  }
  return out;
}

std::string spec_ref_text(const SpecRef& ref) {
  std::string out = ref.file;
  if (!ref.pointer.empty()) {
    out += "#" + ref.pointer;
  }
  if (!ref.rule.empty()) {
    out += out.empty() ? ref.rule : " (" + ref.rule + ")";
  }
  return out;
}

std::uint64_t effective_seed(const CheckResult& check, const RunInfo& run) {
  return check.seed.value_or(run.seed);
}

std::string replay_of(const CheckResult& check) {
  if (!check.replay_command.empty() || check.exchanges.empty()) {
    return check.replay_command;
  }
  return check.exchanges.back().replay_command;
}

std::string failure_line(const CheckResult& check) {
  std::string line = check.spec.rule.empty() ? check.name : check.spec.rule;
  line += ": accepts " + accepted_text(check.expected);
  if (check.observed) {
    line += "; got " + observed_text(*check.observed);
  }
  if (!check.message.empty()) {
    line += "; " + check.message;
  }
  // Controls go too: this line reaches terminals, where a server-sent ESC would be obeyed.
  return one_line(xml_safe(line));
}

namespace {

std::string headers_text(const http::HeaderFields& headers) {
  std::string out;
  for (const auto& h : headers) {
    out += h.name + ": " + h.value + "\n";
  }
  return out;
}

}  // namespace

std::string request_text(const http::Exchange& e) {
  std::string out = e.method + " " + e.url + "\n" + headers_text(e.request_headers);
  if (!e.request_body.empty()) {
    out += "\n" +
           pretty_body(e.request_body,
                       http::find_header(e.request_headers, "content-type").value_or("")) +
           "\n";
  }
  return out;
}

std::string response_text(const http::Exchange& e) {
  std::string out;
  if (e.status == 0) {
    out = "(no response)\n";
  } else {
    out = "HTTP " + std::to_string(e.status) + "\n" + headers_text(e.response_headers);
    if (!e.response_body.empty()) {
      out += "\n" +
             pretty_body(e.response_body,
                         http::find_header(e.response_headers, "content-type").value_or("")) +
             "\n";
    }
    if (e.response_truncated) {
      out += "(body truncated at the size cap)\n";
    }
  }
  if (e.error) {
    out += "transport error: " + std::string(http::to_string(e.error->kind)) + ": " +
           e.error->message + "\n";
  }
  for (const auto& r : e.retries) {
    out += "retry " + std::to_string(r.attempt) + " after " + std::to_string(r.delay.count()) +
           " ms: " + r.reason + "\n";
  }
  return out;
}

std::string details_text(const CheckResult& check, const RunInfo& run) {
  std::string out;
  if (!check.message.empty()) {
    out += check.message + "\n\n";
  }
  out += "spec:     " + spec_ref_text(check.spec) + "\n";
  out += "seed:     " + std::to_string(effective_seed(check, run)) + "\n";
  if (!check.expected.empty()) {
    out += "accepts:  " + accepted_text(check.expected) + "\n";
  }
  if (check.observed) {
    out += "got:      " + observed_text(*check.observed) + "\n";
  }
  out += "cases:    " + std::to_string(check.cases_sent) +
         (check.retries > 0 ? ", retries: " + std::to_string(check.retries) : "") + "\n";
  if (check.counterexample) {
    out += "\ncounterexample: " + check.counterexample->description + "\n";
    for (const auto& [name, value] : check.counterexample->parameters) {
      out += "  " + name + " = " + value + "\n";
    }
  }
  for (std::size_t i = 0; i < check.exchanges.size(); ++i) {
    const auto& e = check.exchanges[i];
    out += "\n--- request " + std::to_string(i + 1) + " of " +
           std::to_string(check.exchanges.size()) + "\n" + request_text(e);
    out += "--- response\n" + response_text(e);
  }
  if (const std::string replay = replay_of(check); !replay.empty()) {
    out += "\nreplay:\n" + replay + "\n";
  }
  return out;
}

}  // namespace conform::report
