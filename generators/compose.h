#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/spec/model.h"
#include "generators/case.h"
#include "generators/fixtures.h"

// Building parameter lists: the smallest valid request and edits of it that keep spec order.
namespace conform::gen {

using Assignments = std::vector<std::pair<std::string, std::string>>;

/// Sorts parameters as the spec lists them; names the spec does not know go last, stably.
void sort_in_spec_order(const spec::Operation& op, std::vector<Param>& params);

/// The operation's parameters with those whose constraints depend on others last, so a generator
/// that picks values in this order has each condition chosen before the values it constrains.
std::vector<const spec::Parameter*> dependency_order(const spec::Operation& op);

/// The required parameters only, each with its first valid value. nullopt when a required
/// parameter has no valid value (a resource the fixtures lack); the reason goes to `skipped`.
std::optional<std::vector<Param>> minimal_params(const spec::Operation& op,
                                                 const Fixtures& fixtures,
                                                 std::vector<Skip>& skipped);

/// `base` with `set` assigned (replacing or adding) and `drop` removed, in spec order.
std::vector<Param> overlay(const spec::Operation& op, std::vector<Param> base,
                           const Assignments& set, const std::vector<std::string>& drop = {});

/// "A=1 with B=2": the first assignment, then the context it needs.
std::string describe_assignments(const Assignments& set);

/// Whether sending the params would charge the account (see Case::charges).
bool charges(const spec::Operation& op, const std::vector<Param>& params);

}  // namespace conform::gen
