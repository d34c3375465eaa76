#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/evaluate.h"
#include "core/spec/model.h"
#include "generators/fixtures.h"

// Parameter values derived from a parameter's spec entry alone: the valid values worth sending
// (every enum value, every boundary, reserved and non-ASCII text) and the candidates for breaking
// it. Candidates are only proposals: whether a case is valid is decided afterwards on the whole
// case by the rules engine (see oracle.h).
namespace conform::gen {

/// The resource a parameter names, from the spec's exists and state rules; nullptr when none.
const spec::Resource* resource_of(const spec::Operation& op, std::string_view param);

/// The states the parameter's resource must be in (every state rule on it must hold); nullopt
/// when no state rule constrains it.
std::optional<std::vector<std::string>> allowed_states(const spec::Operation& op,
                                                       std::string_view param);

/// Strings with characters that need percent-encoding or are not ASCII, one concern each, then all
/// of them together.
const std::vector<std::string>& special_strings();

/// The characters a runner may append to a case's idempotency token to make it unique to the run
/// (see suites/generated_cases.cpp); generated tokens leave room for them inside the conservative
/// limits.
inline constexpr std::size_t kTokenSuffixRoom = 16;

/// The longest value a generator draws for the parameter: its conservative maximum length (see
/// spec::conservative_limits), less kTokenSuffixRoom for the idempotency token. nullopt: no limit.
std::optional<std::size_t> drawn_length_limit(const spec::Operation& op,
                                              const spec::Parameter& param);

/// The values a valid case can give the parameter with `context` sent, most telling first (the
/// fixtures' value or the example first, then enum values, boundaries, special strings), each
/// valid for the parameter under `context` and inside its conservative limits. Empty with `why` set
/// when there is none.
std::vector<std::string> valid_values(const spec::Operation& op, const Fixtures& fixtures,
                                      const spec::Parameter& param, const spec::ParamMap& context,
                                      std::string* why = nullptr);

/// A proposed value that breaks a parameter's own constraints, with the parameters it needs beside
/// it for the constraint to apply (a conditional range needs its condition).
struct Mutation {
  std::string value;
  std::vector<std::pair<std::string, std::string>> with;
  std::string why;  // "wrong type", "above maximum", ...
};

/// Values of the wrong type, out of range (also under each condition), unknown enum values,
/// non-booleans, too long or too short strings. Some may still be valid wire text; callers keep
/// only those the rules engine rejects.
std::vector<Mutation> mutations(const spec::Operation& op, const spec::Parameter& param);

}  // namespace conform::gen
