#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/evaluate.h"
#include "core/spec/model.h"

// What a parameter's constraints mean in a context: its own constraints joined with the
// conditional ones whose condition holds there. A context is the other parameters' values as sent
// (a documented default counts, see effective_value); "any context" reads every variant at once.
// Every stage asks these instead of walking Parameter::conditional itself.
namespace conform::spec {

/// Whether `condition` holds with `context` sent: the other parameter's effective value equals it.
bool condition_holds(const Operation& op, const Condition& condition, const ParamMap& context);

/// The distinct conditions under which the parameter's constraints change, in spec order. Empty
/// when its constraints are the same in every context.
std::vector<Condition> conditions_of(const Parameter& param);

/// A closed range of integers.
struct IntegerRange {
  std::int64_t lo = 0;
  std::int64_t hi = 0;

  friend bool operator==(const IntegerRange&, const IntegerRange&) = default;
};

/// The integers the parameter admits with `context` sent: its own range, the format's bounds and
/// the conditional ranges whose condition holds. nullopt for non-integers or an empty range.
std::optional<IntegerRange> integer_range(const Operation& op, const Parameter& param,
                                          const ParamMap& context);

/// The smallest range holding every integer the parameter admits in some context: the union of
/// the unconditioned range and each condition's range. nullopt for non-integers or when no
/// context admits a value.
std::optional<IntegerRange> integer_range_in_any_context(const Operation& op,
                                                         const Parameter& param);

/// The enum values the parameter admits with `context` sent: its own, narrowed by the conditional
/// enums whose condition holds. Empty when no enum restricts it there.
std::vector<std::string> allowed_values(const Operation& op, const Parameter& param,
                                        const ParamMap& context);

/// The enum values the parameter admits in some context (its own, or with no own enum the union of
/// the conditional ones), in spec order. Empty when some context admits any value.
std::vector<std::string> allowed_values_in_any_context(const Parameter& param);

/// A declared end of an integer range: the parameter's own (no condition) or a conditional one.
struct Boundary {
  enum class End { kMinimum, kMaximum };
  std::int64_t value = 0;
  End end = End::kMinimum;
  std::optional<Condition> when;

  friend bool operator==(const Boundary& a, const Boundary& b) {
    return a.value == b.value && a.end == b.end && a.when.has_value() == b.when.has_value() &&
           (!a.when || (a.when->param == b.when->param && a.when->equals == b.when->equals));
  }
};

/// Every declared boundary in any context: the parameter's own minimum and maximum, then each
/// conditional constraint's, in spec order. The integer format's bounds are not declared ones.
std::vector<Boundary> boundaries(const Parameter& param);

/// The declared boundaries that apply with `context` sent: the own ones and those of the
/// conditional constraints whose condition holds.
std::vector<Boundary> boundaries(const Operation& op, const Parameter& param,
                                 const ParamMap& context);

/// The length limits of a string, in code points. The model has no conditional lengths, so they
/// are the same in every context.
struct LengthLimits {
  std::optional<std::size_t> min;
  std::optional<std::size_t> max;
};
LengthLimits length_limits(const Parameter& param);

/// What a valid value must keep to be accepted under every plausible reading of the sources: the
/// declared length limits narrowed by the parameter's convention (a limit the product's documents
/// follow but this operation's do not state), and whether only printable ASCII is safe.
struct ConservativeLimits {
  std::optional<std::size_t> min_length;
  std::optional<std::size_t> max_length;  // in code points
  bool ascii_only = false;                // printable ASCII, 0x20..0x7E
};
ConservativeLimits conservative_limits(const Parameter& param);

/// Whether the value keeps inside conservative_limits: no reading of the sources rejects it for
/// its length or characters. Says nothing about the declared rules (see value_violation).
bool within_conservative_limits(const Parameter& param, std::string_view value);

/// The constraints the spec declares under one condition (or none, for the parameter's own), as
/// written rather than joined: for printing the contract.
struct DeclaredConstraints {
  std::optional<Condition> when;
  std::optional<std::int64_t> minimum;
  std::optional<std::int64_t> maximum;
  std::vector<std::string> enum_values;
};

/// The parameter's own declared constraints, then one entry per conditional constraint in spec
/// order.
std::vector<DeclaredConstraints> declared_constraints(const Parameter& param);

}  // namespace conform::spec
