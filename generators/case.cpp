#include "generators/case.h"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace conform::gen {
namespace {

// Values may hold quotes, control characters or a trailing space; quoting keeps one case on one
// report line and shows exactly what was sent.
std::string quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

constexpr std::string_view kMask = "<secret>";

void append_params(std::string& out, const std::vector<Param>& params) {
  for (const auto& p : params) {
    out += ' ';
    out += p.name;
    out += '=';
    out += p.secret ? std::string(kMask) : quoted(p.value);
    if (p.location == spec::Location::kBody)
      out += "(body)";
  }
}

}  // namespace

std::string_view to_string(CaseKind kind) {
  switch (kind) {
    case CaseKind::kValid:
      return "valid";
    case CaseKind::kInvalid:
      return "invalid";
    case CaseKind::kObservation:
      return "observation";
  }
  return "?";
}

std::string_view to_string(Method method) {
  return method == Method::kGet ? "GET" : "POST";
}

std::string_view to_string(Placement placement) {
  switch (placement) {
    case Placement::kQuery:
      return "query";
    case Placement::kBody:
      return "body";
    case Placement::kSplit:
      return "split";
  }
  return "?";
}

std::string_view to_string(ResponseFormat format) {
  return format == ResponseFormat::kJson ? "JSON" : "XML";
}

std::string_view to_string(Tamper tamper) {
  switch (tamper) {
    case Tamper::kNone:
      return "none";
    case Tamper::kWrongSecret:
      return "wrong secret";
    case Tamper::kUnknownAccessKey:
      return "unknown AccessKey";
    case Tamper::kChangedAfterSigning:
      return "parameter changed after signing";
    case Tamper::kStaleTimestamp:
      return "stale timestamp";
    case Tamper::kMalformedTimestamp:
      return "malformed timestamp";
    case Tamper::kReusedNonce:
      return "reused nonce";
    case Tamper::kWrongAction:
      return "wrong Action";
    case Tamper::kWrongVersion:
      return "wrong Version";
    case Tamper::kMissingSignature:
      return "missing signature";
  }
  return "?";
}

std::string_view to_string(TokenReuse reuse) {
  switch (reuse) {
    case TokenReuse::kNone:
      return "none";
    case TokenReuse::kSameRequest:
      return "token reused, same request";
    case TokenReuse::kDifferentRequest:
      return "token reused, different request";
  }
  return "?";
}

spec::ParamMap param_map(const std::vector<Param>& params) {
  spec::ParamMap out;
  for (const auto& p : params)
    out.emplace(p.name, p.value);
  return out;
}

std::string describe(const Case& c) {
  std::string out = "[";
  out += to_string(c.kind);
  if (!c.settled)
    out += ", unsettled";
  out += "] ";
  const bool secret =
      std::any_of(c.params.begin(), c.params.end(), [](const Param& p) { return p.secret; });
  // A description quotes values; with a secret among them only the parameters are shown.
  out += secret ? "case with a secret parameter" : c.description;
  out += " | ";
  out += to_string(c.method);
  out += ' ';
  out += to_string(c.placement);
  out += ' ';
  out += to_string(c.signature);
  out += ' ';
  out += to_string(c.format);
  if (c.tamper != Tamper::kNone) {
    out += " | tamper: ";
    out += to_string(c.tamper);
  }
  if (c.reuse != TokenReuse::kNone) {
    out += " | ";
    out += to_string(c.reuse);
  }
  if (!c.rule_id.empty()) {
    out += " | breaks ";
    out += c.rule_id;
  }
  if (c.charges)
    out += " | charges";
  out += " |";
  append_params(out, c.params);
  if (!c.reuse_params.empty()) {
    out += " | then:";
    append_params(out, c.reuse_params);
  }
  return out;
}

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << describe(c);
}

}  // namespace conform::gen
