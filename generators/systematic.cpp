#include "generators/systematic.h"

#include <algorithm>

#include "core/spec/constraints.h"
#include "core/text/ascii.h"
#include "generators/breaks.h"
#include "generators/compose.h"
#include "generators/envelope.h"
#include "generators/oracle.h"
#include "generators/styled_values.h"
#include "generators/values.h"

namespace conform::gen {
namespace {

struct Probe {
  std::string description;
  std::vector<Param> params;
};

// Rotating keeps the enumeration small while still sending every envelope at least once (the
// valid cases are padded with `filler` for that); the random generators cover the other
// combinations.
void rotate_envelopes(const spec::Operation& op, std::vector<Case>& cases,
                      const Case* filler = nullptr) {
  const auto all = envelopes(op);
  if (all.empty())
    return;
  while (filler && cases.size() < all.size())
    cases.push_back(*filler);
  for (std::size_t i = 0; i < cases.size(); ++i)
    apply_envelope(op, all[i % all.size()], cases[i]);
}

// Each context under which a parameter's constraints differ: none, then each condition.
std::vector<Assignments> contexts(const spec::Parameter& p) {
  std::vector<Assignments> out = {{}};
  for (const auto& when : spec::conditions_of(p))
    out.push_back({{when.param, when.equals}});
  return out;
}

spec::ParamMap to_map(const Assignments& a) {
  spec::ParamMap out;
  for (const auto& [k, v] : a)
    out.emplace(k, v);
  return out;
}

std::vector<Param> every_parameter(const spec::Operation& op, const Fixtures& fixtures,
                                   const std::vector<Param>& base) {
  Assignments set;
  spec::ParamMap context = param_map(base);
  for (const auto* p : dependency_order(op)) {
    if (p->required)
      continue;
    const auto values = valid_values(op, fixtures, *p, context);
    if (values.empty())
      continue;
    set.emplace_back(p->name, values.front());
    context.emplace(p->name, values.front());
  }
  return overlay(op, base, set);
}

std::vector<Probe> valid_probes(const spec::Operation& op, const Fixtures& fixtures,
                                const std::vector<Param>& base) {
  std::vector<Probe> out = {
      {"required parameters only", base},
      {"every documented parameter present", every_parameter(op, fixtures, base)}};
  for (const auto& p : op.parameters) {
    for (const auto& ctx : contexts(p)) {
      for (const auto& v : valid_values(op, fixtures, p, to_map(ctx))) {
        Assignments set = {{p.name, v}};
        set.insert(set.end(), ctx.begin(), ctx.end());
        out.push_back({describe_assignments(set), overlay(op, base, set)});
      }
    }
  }
  // One probe per distinct request: a boundary shared by two contexts is sent once.
  std::vector<Probe> unique;
  for (auto& probe : out) {
    if (std::none_of(unique.begin(), unique.end(),
                     [&](const Probe& u) { return u.params == probe.params; }))
      unique.push_back(std::move(probe));
  }
  return unique;
}

const spec::Parameter* token_parameter(const spec::Operation& op) {
  return op.idempotency ? op.find_parameter(op.idempotency->token) : nullptr;
}

Case predicted(const spec::Operation& op, const Fixtures& fixtures, Case c) {
  c.kind = CaseKind::kObservation;
  c.settled = false;
  c.rejection_settled = false;
  if (const auto breach = first_breach(op, fixtures, c)) {
    c.rule_id = breach->rule->id;
    c.outcome_id = op.outcome_of(*breach->rule).id;
    c.accepted = spec::accepted_answers(op, *breach->rule);
  }
  c.charges = charges(op, c.params);
  return c;
}

// Values past a parameter's convention: the operation's documents allow them, so whatever the
// service answers is observed, never judged.
std::vector<Case> beyond_convention(const spec::Operation& op, const std::vector<Param>& base,
                                    const spec::Parameter& p) {
  std::vector<Case> out;
  if (!p.convention)
    return out;
  if (const auto longest = p.convention->max_length) {
    Case c;
    c.description = p.name + " of " + std::to_string(*longest + 1) + " characters (beyond the " +
                    p.convention->source + " convention)";
    c.params = overlay(op, base, {{p.name, std::string(*longest + 1, 'a')}});
    out.push_back(std::move(c));
  }
  if (p.convention->ascii) {
    for (const auto& s : special_strings()) {
      if (std::none_of(s.begin(), s.end(),
                       [](char ch) { return static_cast<unsigned char>(ch) > 0x7E; }))
        continue;
      Case c;
      c.description =
          p.name + "=" + s + " (not ASCII, beyond the " + p.convention->source + " convention)";
      c.params = overlay(op, base, {{p.name, s}});
      out.push_back(std::move(c));
    }
  }
  return out;
}

void append(CaseSet& to, CaseSet from) {
  to.cases.insert(to.cases.end(), from.cases.begin(), from.cases.end());
  to.skipped.insert(to.skipped.end(), from.skipped.begin(), from.skipped.end());
}

}  // namespace

CaseSet valid_cases(const spec::Operation& op, const Fixtures& fixtures) {
  CaseSet out;
  const auto base = minimal_params(op, fixtures, out.skipped);
  if (!base)
    return out;
  for (auto& probe : valid_probes(op, fixtures, *base)) {
    Case c;
    c.description = std::move(probe.description);
    c.params = std::move(probe.params);
    if (const auto breach = first_breach(op, fixtures, c)) {
      out.skipped.push_back({breach->rule->id, c.description + " is not valid: " + breach->detail});
      continue;
    }
    c.charges = charges(op, c.params);
    out.cases.push_back(std::move(c));
  }
  if (const auto* token = token_parameter(op)) {
    const auto values = valid_values(op, fixtures, *token, param_map(*base));
    if (!values.empty()) {
      Case c;
      c.description = token->name + " sent twice with the same request";
      c.params = overlay(op, *base, {{token->name, values.front()}});
      c.reuse = TokenReuse::kSameRequest;
      out.cases.push_back(std::move(c));
    }
  }
  Case filler;
  filler.description = "required parameters only";
  filler.params = *base;
  rotate_envelopes(op, out.cases, &filler);
  return out;
}

CaseSet invalid_cases(const spec::Operation& op, const Fixtures& fixtures) {
  CaseSet out;
  auto set = breaks(op, fixtures);
  out.skipped = std::move(set.skipped);
  std::vector<Skip> ignored;  // already recorded by breaks()
  const auto base = minimal_params(op, fixtures, ignored);
  if (!base)
    return out;
  for (const auto& b : set.breaks) {
    if (auto c = breaking_case(op, fixtures, *base, b))
      out.cases.push_back(std::move(*c));
  }
  rotate_envelopes(op, out.cases);
  return out;
}

CaseSet observation_cases(const spec::Operation& op, const Fixtures& fixtures) {
  CaseSet out;
  const auto base = minimal_params(op, fixtures, out.skipped);
  if (!base)
    return out;
  const spec::ParamMap none;
  for (const auto& p : op.parameters) {
    if (p.case_insensitive)
      continue;
    for (const auto& v : p.enum_values) {
      if (text::to_lower(v) == v)
        continue;
      Case c;
      c.description = p.name + "=" + text::to_lower(v) + " (lowercase enum value)";
      c.params = overlay(op, *base, {{p.name, text::to_lower(v)}});
      out.cases.push_back(predicted(op, fixtures, std::move(c)));
    }
  }
  for (const auto& p : op.parameters) {
    if (p.type != spec::ValueType::kInteger)
      continue;
    const auto r = spec::integer_range(op, p, param_map(*base));
    if (!r || r->hi < 0)
      continue;
    const std::string padded = "0" + std::to_string(std::max<std::int64_t>(r->lo, 0));
    Case c;
    c.description = p.name + "=" + padded + " (leading zero)";
    c.params = overlay(op, *base, {{p.name, padded}});
    out.cases.push_back(predicted(op, fixtures, std::move(c)));
  }
  for (const auto& p : op.parameters) {
    if (p.style)
      continue;  // a list's wire keys sent twice is styled_observations' concern
    const auto values = valid_values(op, fixtures, p, param_map(*base));
    if (values.size() < 2)
      continue;
    Case c;
    c.description = p.name + " sent twice: " + values[0] + ", then " + values[1];
    c.params = overlay(op, *base, {{p.name, values[0]}});
    const auto at = std::find_if(c.params.begin(), c.params.end(),
                                 [&](const Param& q) { return q.name == p.name; });
    c.params.insert(at + 1, {p.name, values[1], spec::Location::kQuery});
    out.cases.push_back(predicted(op, fixtures, std::move(c)));
  }
  for (const auto& p : op.parameters) {
    for (auto& c : beyond_convention(op, *base, p))
      out.cases.push_back(predicted(op, fixtures, std::move(c)));
  }
  // A hidden parameter's answer is open (spec::open_reading), so it is only ever observed.
  for (const auto& p : op.parameters) {
    if (!p.hidden)
      continue;
    const std::string value = p.example                             ? *p.example
                              : p.type == spec::ValueType::kInteger ? "1"
                              : p.type == spec::ValueType::kBoolean ? "false"
                                                                    : "conform";
    Case c;
    c.description = p.name + "=" + value + " (hidden parameter)";
    c.params = overlay(op, *base, {{p.name, value}});
    out.cases.push_back(predicted(op, fixtures, std::move(c)));
  }
  for (auto& c : styled_observations(op, *base))
    out.cases.push_back(predicted(op, fixtures, std::move(c)));
  const auto* token = token_parameter(op);
  if (!token) {
    out.skipped.push_back({"idempotency", "the spec names no idempotency token"});
  } else {
    if (!token->convention || !token->convention->max_length) {
      Case longer;
      longer.description = token->name + " of 65 characters";
      longer.params = overlay(op, *base, {{token->name, std::string(65, 'a')}});
      out.cases.push_back(predicted(op, fixtures, std::move(longer)));
    }

    // The second request differs by one optional parameter the first does not send.
    Case reused;
    reused.description = token->name + " reused with other parameters";
    const Assignments first = {{token->name, "conform-reused-token"}};
    reused.params = overlay(op, *base, first);
    for (const auto& p : op.parameters) {
      if (p.required || p.name == token->name)
        continue;
      const auto values = valid_values(op, fixtures, p, param_map(reused.params));
      if (values.empty())
        continue;
      Assignments second = first;
      second.emplace_back(p.name, values.front());
      reused.reuse_params = overlay(op, *base, second);
      Case second_request;
      second_request.params = reused.reuse_params;
      if (!first_breach(op, fixtures, second_request))
        break;
      reused.reuse_params.clear();
    }
    if (reused.reuse_params.empty() || !op.idempotency->different_request) {
      out.skipped.push_back({token->name, "no second request differing in one parameter"});
    } else {
      reused = predicted(op, fixtures, std::move(reused));
      const auto& outcome = op.outcomes.at(*op.idempotency->different_request);
      reused.reuse = TokenReuse::kDifferentRequest;
      reused.outcome_id = outcome.id;
      reused.accepted = outcome.accept;
      reused.settled = outcome.settled;
      reused.rejection_settled = outcome.rejection_settled;
      reused.kind = outcome.settled ? CaseKind::kInvalid : CaseKind::kObservation;
      out.cases.push_back(std::move(reused));
    }
  }
  rotate_envelopes(op, out.cases);
  return out;
}

CaseSet all_cases(const spec::Operation& op, const Fixtures& fixtures) {
  CaseSet out = valid_cases(op, fixtures);
  append(out, invalid_cases(op, fixtures));
  append(out, observation_cases(op, fixtures));
  return out;
}

}  // namespace conform::gen
