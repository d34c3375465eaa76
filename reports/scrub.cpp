#include "reports/scrub.h"

#include <algorithm>
#include <cctype>

#include "core/http/mask.h"
#include "core/text/ascii.h"
#include "reports/text.h"

namespace conform::report {
namespace {

std::string percent_encoded(std::string_view raw, char (*digit)(unsigned)) {
  std::string out;
  for (char c : raw) {
    const auto b = static_cast<unsigned char>(c);
    if (std::isalnum(b) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += digit(b >> 4);
      out += digit(b);
    }
  }
  return out;
}

void replace_all(std::string& text, std::string_view what) {
  std::size_t at = 0;
  while ((at = text.find(what, at)) != std::string::npos) {
    text.replace(at, what.size(), http::kMask);
    at += http::kMask.size();
  }
}

// Free text (a replay command, a message) may quote a signed URL or header; the value after these
// names is a signature or a token whatever else surrounds it.
std::string mask_named_values(std::string text) {
  for (std::string_view name : {"Signature=", "SecurityToken=", "x-acs-security-token: "}) {
    std::size_t at = 0;
    while ((at = text.find(name, at)) != std::string::npos) {
      const std::size_t start = at + name.size();
      std::size_t end = start;
      while (end < text.size() &&
             std::string_view("&'\" ,\n\r\t").find(text[end]) == std::string_view::npos) {
        ++end;
      }
      // A value that is a shell variable reference reads the secret at replay time; keep it.
      if (end > start && text[start] != '$') {
        text.replace(start, end - start, http::kMask);
      }
      at = start;
    }
  }
  return text;
}

}  // namespace

Scrubber::Scrubber(std::vector<std::string> secrets) {
  for (const auto& s : secrets) {
    if (s.size() < kMinSecretLength) {
      continue;
    }
    for (std::string form : {s, percent_encoded(s, text::hex_digit_upper),
                             percent_encoded(s, text::hex_digit_lower), html_escape(s)}) {
      if (std::find(forms_.begin(), forms_.end(), form) == forms_.end()) {
        forms_.push_back(std::move(form));
      }
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  std::sort(forms_.begin(), forms_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string Scrubber::text(std::string_view in) const {
  std::string out(in);
  for (const auto& form : forms_) {
    replace_all(out, form);
  }
  return out;
}

bool Scrubber::leaks(std::string_view bytes) const {
  return std::any_of(forms_.begin(), forms_.end(),
                     [&](const std::string& f) { return bytes.find(f) != std::string_view::npos; });
}

CheckResult Scrubber::check(CheckResult r) const {
  auto t = [&](std::string& s) { s = text(s); };
  t(r.kind);
  t(r.name);
  t(r.spec.file);
  t(r.spec.rule);
  t(r.spec.pointer);
  t(r.message);
  for (auto& a : r.expected) {
    t(a.code);
  }
  if (r.observed) {
    t(r.observed->code);
    t(r.observed->content_type);
  }
  if (r.counterexample) {
    t(r.counterexample->description);
    for (auto& [name, value] : r.counterexample->parameters) {
      t(name);
      t(value);
    }
  }
  for (auto& e : r.exchanges) {
    e.url = text(http::mask_url(e.url));
    e.request_headers = http::mask_headers(std::move(e.request_headers));
    e.response_headers = http::mask_headers(std::move(e.response_headers));
    for (auto* headers : {&e.request_headers, &e.response_headers}) {
      for (auto& h : *headers) {
        t(h.name);
        t(h.value);
      }
    }
    e.request_body = text(http::mask_params_text(e.request_body));
    t(e.response_body);
    for (auto& retry : e.retries) {
      t(retry.reason);
    }
    if (e.error) {
      t(e.error->message);
    }
    e.replay_command = text(mask_named_values(e.replay_command));
  }
  r.replay_command = text(mask_named_values(r.replay_command));
  return r;
}

RunInfo Scrubber::run(RunInfo run) const {
  for (auto* s : {&run.target.name, &run.target.endpoint, &run.target.kind, &run.spec_file,
                  &run.interruption}) {
    *s = text(*s);
  }
  return run;
}

Results Scrubber::results(Results results) const {
  results.run = run(std::move(results.run));
  for (auto& c : results.checks) {
    c = check(std::move(c));
  }
  for (auto* items : {&results.coverage.parameters, &results.coverage.enum_values,
                      &results.coverage.boundaries, &results.coverage.outcomes}) {
    for (auto& item : *items) {
      item.name = text(item.name);
    }
  }
  return results;
}

}  // namespace conform::report
