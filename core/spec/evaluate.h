#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/spec/model.h"

// Pure functions that apply a spec's rules to decoded request parameters. The mock answers with
// them and the generators use them to decide, on the wire text, whether a case is valid.
namespace conform::spec {

/// Decoded request parameters by name (the wire text after percent-decoding).
using ParamMap = std::map<std::string, std::string, std::less<>>;

/// The value a parameter has for the service: the one sent, else its documented default.
std::optional<std::string> effective_value(const Operation& op, const ParamMap& params,
                                           std::string_view name);

/// Why `value` breaks the parameter's own constraints (type, enum, range, length, pattern, and
/// the conditional constraints whose condition holds in `params`; a list or struct's shape, see
/// styled_wire.h), or nullopt when it is valid.
std::optional<std::string> value_violation(const Operation& op, const Parameter& param,
                                           std::string_view value, const ParamMap& params);

/// Parses wire text as the service reads an integer: optional sign, decimal digits, within the
/// format's range. Leading zeros are accepted, as Java's parseLong accepts them.
std::optional<std::int64_t> parse_integer(std::string_view text, IntegerFormat format);

/// Parses wire text as a boolean: true or false in any case.
std::optional<bool> parse_boolean(std::string_view text);

/// The first broken rule and what broke it.
struct Breach {
  const Rule* rule = nullptr;
  std::string detail;
};

/// Decides checks the model cannot decide alone (signatures, resources, rate, service health).
/// Returns a detail text when the rule is broken, nullopt when it holds.
using ExternalCheck = std::function<std::optional<std::string>(const Rule&)>;

/// Whether one rule holds: `present` and `valid` are decided from the parameters, every other
/// check is asked of `external`. Returns the breach detail, or nullopt when the rule holds.
std::optional<std::string> rule_breach(const Operation& op, const Rule& rule,
                                       const ParamMap& params, const ExternalCheck& external);

/// Applies the rules in order and returns the first breach, or nullopt when every rule holds.
/// `present` and `valid` rules are decided here; every other check is asked of `external`.
std::optional<Breach> first_breach(const Operation& op, const ParamMap& params,
                                   const ExternalCheck& external);

/// The rules that may decide the answer to a request whose first breach is `first`: that rule and
/// every later rule of its order group the request also breaks, since no source says which of
/// them the service checks first. Just `first.rule` when it has no group.
std::vector<const Rule*> deciding_rules(const Operation& op, const Breach& first,
                                        const ParamMap& params, const ExternalCheck& external);

/// The answers an outcome accepts for a rule, with {param} replaced by the rule's parameter.
std::vector<Answer> accepted_answers(const Operation& op, const Rule& rule);

/// The answers any of `rules` accepts, in rule order, each once.
std::vector<Answer> accepted_answers(const Operation& op, const std::vector<const Rule*>& rules);

/// Whether an actual answer is one an accepted answer allows; an open {param} matches any name.
bool answer_matches(const Answer& accepted, const Answer& actual);

/// The message of an error code for a rule, with {param} filled in.
std::string error_message(const ErrorCode& error, const Rule* rule);

}  // namespace conform::spec
