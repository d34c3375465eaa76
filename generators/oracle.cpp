#include "generators/oracle.h"

#include <algorithm>

#include "core/spec/styled_wire.h"

namespace conform::gen {
namespace {

constexpr Tamper kTampers[] = {
    Tamper::kWrongAction,         Tamper::kWrongVersion,     Tamper::kMissingSignature,
    Tamper::kMalformedTimestamp,  Tamper::kUnknownAccessKey, Tamper::kWrongSecret,
    Tamper::kChangedAfterSigning, Tamper::kStaleTimestamp,   Tamper::kReusedNonce,
};

std::optional<std::string> param_of(const spec::ParamMap& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::nullopt : std::optional<std::string>(it->second);
}

}  // namespace

spec::Check check_of(Tamper tamper) {
  switch (tamper) {
    case Tamper::kWrongAction:
      return spec::Check::kAction;
    case Tamper::kWrongVersion:
      return spec::Check::kVersion;
    case Tamper::kMissingSignature:
      return spec::Check::kCredentialsPresent;
    case Tamper::kMalformedTimestamp:
      return spec::Check::kTimestampFormat;
    case Tamper::kUnknownAccessKey:
      return spec::Check::kAccessKey;
    case Tamper::kWrongSecret:
    case Tamper::kChangedAfterSigning:
      return spec::Check::kSignature;
    case Tamper::kStaleTimestamp:
      return spec::Check::kTimestampWindow;
    case Tamper::kReusedNonce:
      return spec::Check::kNonceUnique;
    case Tamper::kNone:
      break;
  }
  // kNone breaks nothing; kService is never asked of a tamper.
  return spec::Check::kService;
}

std::vector<std::pair<Tamper, const spec::Rule*>> tampers_for(const spec::Operation& op) {
  std::vector<std::pair<Tamper, const spec::Rule*>> out;
  for (const auto& rule : op.rules) {
    for (Tamper t : kTampers) {
      const bool seen =
          std::any_of(out.begin(), out.end(), [&](const auto& e) { return e.first == t; });
      if (!seen && check_of(t) == rule.check)
        out.emplace_back(t, &rule);
    }
  }
  return out;
}

spec::ExternalCheck fixture_oracle(const spec::Operation& op, const Fixtures& fixtures,
                                   const spec::ParamMap& params, Tamper tamper) {
  return [&op, &fixtures, &params, tamper](const spec::Rule& rule) -> std::optional<std::string> {
    if (rule.check == spec::Check::kExists) {
      const auto id = param_of(params, rule.param);
      if (id && !exists(fixtures, rule.resource, *id))
        return rule.param + " names no existing " + rule.resource;
      return std::nullopt;
    }
    if (rule.check == spec::Check::kState) {
      const auto id = param_of(params, rule.param);
      if (!id)
        return std::nullopt;
      // An id whose state the fixtures do not record passes: for parameters with state rules only
      // ids listed by state are generated.
      const auto state = state_of(op, fixtures, rule.resource, *id);
      if (state && std::find(rule.states.begin(), rule.states.end(), *state) == rule.states.end())
        return rule.param + " is in state " + *state;
      return std::nullopt;
    }
    if (rule.check == spec::Check::kService && !rule.resource.empty()) {
      const auto id = param_of(params, rule.param);
      const auto failing = ids_failing(fixtures, rule.resource, rule.id);
      if (id && std::find(failing.begin(), failing.end(), *id) != failing.end())
        return rule.param + " names a " + rule.resource + " that fails " + rule.id;
      return std::nullopt;
    }
    if (tamper != Tamper::kNone && check_of(tamper) == rule.check)
      return std::string(to_string(tamper));
    return std::nullopt;
  };
}

std::optional<spec::Breach> first_breach(const spec::Operation& op, const Fixtures& fixtures,
                                         const Case& c) {
  spec::ParamMap params = param_map(c.params);
  spec::read_styled(op, params);  // lists and structs as the mock reads their wire keys
  return spec::first_breach(op, params, fixture_oracle(op, fixtures, params, c.tamper));
}

}  // namespace conform::gen
