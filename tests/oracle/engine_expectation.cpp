#include "tests/oracle/engine_expectation.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/spec/open_readings.h"

namespace conform::oracle {
namespace {

// Protocol names of the two signature schemes (not facts of any operation).
constexpr std::string_view kActionParam = "Action";
constexpr std::string_view kVersionParam = "Version";
constexpr std::string_view kTimestampParam = "Timestamp";
constexpr std::string_view kActionHeader = "x-acs-action";
constexpr std::string_view kVersionHeader = "x-acs-version";
constexpr std::string_view kV3SigningHeaders[] = {"authorization", "x-acs-date",
                                                  "x-acs-signature-nonce", "x-acs-content-sha256"};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool drops(const Departure& d, std::string_view name) {
  return std::any_of(d.drop.begin(), d.drop.end(),
                     [&](const std::string& n) { return iequals(n, name); });
}

// A V1 signing parameter dropped (`value_set` false) or given a value outside its documented
// set after signing (`value_set` true).
bool v1_signing_param_broken(const spec::Operation& op, const Departure& d, bool value_set) {
  const spec::ParamMap none;
  for (const auto& p : op.common_parameters) {
    const bool v1 = std::find(p.signatures.begin(), p.signatures.end(),
                              spec::SignatureScheme::kV1) != p.signatures.end();
    if (!v1 || !p.required || p.fixed_value)
      continue;
    if (!value_set && drops(d, p.name))
      return true;
    for (const auto& [name, value] : d.set_after_signing) {
      if (value_set && name == p.name && !p.enum_values.empty() &&
          spec::value_violation(op, p, value, none))
        return true;
    }
  }
  return false;
}

const Holding* holding(const Corpus& corpus, const std::string& resource, const std::string& id) {
  for (const auto& h : corpus.endpoint) {
    if (h.resource == resource && h.id == id)
      return &h;
  }
  return nullptr;
}

std::optional<std::string> holding_state(const Corpus& corpus, const std::string& resource,
                                         const std::string& id) {
  const auto* h = holding(corpus, resource, id);
  return h ? std::optional<std::string>(h->state) : std::nullopt;
}

// Whether the request, as the case departs from a correctly signed one, breaks a check the model
// cannot decide alone.
std::optional<std::string> external_breach(const spec::Operation& op, const Corpus& corpus,
                                           const Case& c, const spec::ParamMap& params,
                                           const spec::Rule& rule) {
  const auto& d = c.request.departure;
  const bool v1 = c.request.signature == spec::SignatureScheme::kV1;
  auto yes = [](std::string why) { return std::optional<std::string>(std::move(why)); };
  switch (rule.check) {
    case spec::Check::kExists:
    case spec::Check::kState: {
      const auto it = params.find(rule.param);
      if (it == params.end())
        return std::nullopt;
      const auto state = holding_state(corpus, rule.resource, it->second);
      if (!state)
        return rule.check == spec::Check::kExists ? yes("not held by the endpoint") : std::nullopt;
      if (rule.check == spec::Check::kState &&
          std::find(rule.states.begin(), rule.states.end(), *state) == rule.states.end())
        return yes("in state " + *state);
      return std::nullopt;
    }
    case spec::Check::kActionPresent:
      return drops(d, v1 ? kActionParam : kActionHeader) ? yes("no action") : std::nullopt;
    case spec::Check::kAction:
      return d.action && *d.action != op.action ? yes("action") : std::nullopt;
    case spec::Check::kVersion:
      if ((d.version && *d.version != op.version) || drops(d, v1 ? kVersionParam : kVersionHeader))
        return yes("version");
      return std::nullopt;
    case spec::Check::kCredentialsPresent:
      if (v1 && v1_signing_param_broken(op, d, false))
        return yes("signing parameter");
      if (!v1 && std::any_of(std::begin(kV3SigningHeaders), std::end(kV3SigningHeaders),
                             [&](std::string_view h) { return drops(d, h); }))
        return yes("signing header");
      return std::nullopt;
    case spec::Check::kSigningValues:
      return v1 && v1_signing_param_broken(op, d, true) ? yes("signing value") : std::nullopt;
    case spec::Check::kTimestampFormat: {
      const auto* p = op.find_parameter(kTimestampParam);
      if (d.timestamp && p && spec::value_violation(op, *p, *d.timestamp, params))
        return yes("timestamp form");
      return std::nullopt;
    }
    case spec::Check::kAccessKey:
      return d.credentials == "unknown-key" ? yes("unknown key") : std::nullopt;
    case spec::Check::kSignature:
      // Anything changed after signing breaks the signature as well.
      if (d.credentials == "wrong-secret" || !d.drop.empty() || !d.set_after_signing.empty())
        return yes("signature");
      return std::nullopt;
    case spec::Check::kTimestampWindow:
      if (d.clock_offset_seconds &&
          std::llabs(*d.clock_offset_seconds) > op.protocol.timestamp_skew_seconds)
        return yes("outside the window");
      return std::nullopt;
    case spec::Check::kNonceUnique:
      return d.reuse_nonce ? yes("nonce reused") : std::nullopt;
    case spec::Check::kSecurityToken:
      return d.credentials == "unrequested-security-token" ? yes("token not issued for the key")
                                                           : std::nullopt;
    case spec::Check::kService: {
      // What only the service sees about a resource, as the endpoint file says it.
      const auto it = params.find(rule.param);
      const auto* h = it == params.end() ? nullptr : holding(corpus, rule.resource, it->second);
      if (h && std::find(h->fails.begin(), h->fails.end(), rule.id) != h->fails.end())
        return yes("fails " + rule.id);
      return std::nullopt;
    }
    default:
      // Rate holds.
      return std::nullopt;
  }
}

bool covered(const std::vector<spec::Answer>& by, const std::vector<spec::Answer>& these) {
  return std::all_of(these.begin(), these.end(), [&](const spec::Answer& a) {
    return std::any_of(by.begin(), by.end(), [&](const spec::Answer& b) {
      return spec::answer_matches(b, a) || spec::answer_matches(a, b);
    });
  });
}

std::string list(const std::vector<spec::Answer>& answers) {
  std::string out;
  for (const auto& a : answers)
    out += (out.empty() ? "" : ", ") + std::to_string(a.http) + " " + a.code;
  return "{" + out + "}";
}

}  // namespace

EngineAnswer engine_answer(const spec::Operation& op, const Corpus& corpus, const Case& c) {
  spec::ParamMap params;
  for (const auto& p : c.request.params)
    params.emplace(p.name, p.value);
  const spec::ExternalCheck external = [&](const spec::Rule& rule) {
    return external_breach(op, corpus, c, params, rule);
  };
  const auto breach = spec::first_breach(op, params, external);
  EngineAnswer out;
  if (!breach) {
    if (auto open = spec::open_reading(op, params)) {
      out.settled = out.rejection_settled = false;
      out.open_reading = open->why;
    }
    return out;
  }
  out.rule = breach->rule;
  // Rules checked in an undocumented order may each decide: the answers of any, settled as far as
  // all of them are.
  const auto rules = spec::deciding_rules(op, *breach, params, external);
  out.answers = spec::accepted_answers(op, rules);
  for (const auto* rule : rules) {
    out.settled = out.settled && op.outcome_of(*rule).settled;
    out.rejection_settled = out.rejection_settled && op.outcome_of(*rule).rejection_settled;
  }
  return out;
}

std::string describe(const EngineAnswer& engine) {
  if (!engine.rule)
    return engine.open_reading ? "open: " + *engine.open_reading : "success";
  return "rule " + engine.rule->id + ": " +
         (engine.settled             ? "settled "
          : engine.rejection_settled ? "rejection settled, code open "
                                     : "unsettled ") +
         list(engine.answers);
}

std::optional<std::string> disagreement(const Case& c, const EngineAnswer& engine) {
  const std::string engine_says = "the engine expects " + describe(engine);
  switch (c.expect) {
    case Expect::kSuccess:
      if (engine.rule || engine.open_reading)
        return "the case expects success; " + engine_says;
      return std::nullopt;
    case Expect::kError:
      if (!engine.rule || !engine.settled || !covered(engine.answers, c.answers) ||
          !covered(c.answers, engine.answers))
        return "the case expects " + list(c.answers) + "; " + engine_says;
      return std::nullopt;
    case Expect::kClientError:
      if (!engine.rule || engine.settled || !engine.rejection_settled)
        return "the case expects a client error with the code open; " + engine_says;
      return std::nullopt;
    case Expect::kOpen:
      if ((!engine.rule && !engine.open_reading) || engine.rejection_settled)
        return "the case is open; " + engine_says;
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace conform::oracle
