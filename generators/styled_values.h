#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/spec/model.h"
#include "generators/case.h"
#include "generators/values.h"

// Values of list and struct parameters (those with a style). Like every parameter value they are
// proposed as one text, here the JSON document of the structure (core/spec/styled_wire.h), and a
// case carries them as the wire keys they travel as (wire_params): the rules engine reads them
// back from those keys as the mock does.
namespace conform::gen {

/// Valid values of a styled parameter, most telling first: one item with the members it needs,
/// then one with every member, then the most items the shape allows (two when it sets no limit).
/// Leaves take their example, an enum value or a bound where the shape gives one, else the
/// plainest text of their type. Empty with `why` set when a required leaf has no value.
std::vector<std::string> styled_valid_values(const spec::Parameter& param,
                                             std::string* why = nullptr);

/// Values that break what the shape settles: one item more than max_items, one fewer than
/// min_items, a leaf not of its declared integer or boolean type or outside its enum, a required
/// member left out.
std::vector<Mutation> styled_mutations(const spec::Parameter& param);

/// The parameters a value travels as: a styled parameter's wire keys, else the one parameter.
std::vector<Param> wire_params(const spec::Operation& op, const std::string& name,
                               const std::string& value);

/// Whether a case parameter named `key` carries (part of) the operation parameter `name`.
bool carries(const spec::Operation& op, std::string_view name, std::string_view key);

/// Requests whose reading the sources leave open, over `base`: a list numbered with a gap
/// (Name.1, Name.3), a list numbered from 0, an item with a member the shape does not name.
/// Each carries only its description and parameters; the caller predicts and places it.
std::vector<Case> styled_observations(const spec::Operation& op, const std::vector<Param>& base);

}  // namespace conform::gen
