#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/spec/evaluate.h"
#include "core/spec/model.h"

// Lists and structs on the wire. A parameter with a style (Parameter::style) has one value, a JSON
// document of its structure, which the generators hold and the rules engine judges; on the wire
// it travels as the official SDKs send it (@alicloud/openapi-core 1.0.8, `OpenApiUtil.query` and
// `arrayToStringWithSpecifiedStyle`, which @alicloud/vpc20160428 7.3.2 calls):
//  - repeatList and flat: flattened into one key per leaf, a list's items numbered from 1 and a
//    struct's members by name: Name.1=a&Name.2=b, Tag.1.Key=k&Tag.1.Value=v, Name.Key=v. The SDK
//    flattens both styles with the same code, so they travel alike;
//  - json: the whole value JSON-encoded in the one parameter Name;
//  - simple: a list's items joined with commas in the one parameter Name.
// The value of a repeatList, flat or simple parameter holds every leaf as a JSON string, the wire
// text; a json parameter's value is the JSON text itself, typed leaves and all.
namespace conform::spec {

using WireParams = std::vector<std::pair<std::string, std::string>>;

/// The operation parameter a wire key belongs to: the parameter of that name, else the repeatList
/// or flat parameter whose flattened keys (Name.1, Name.Key, ...) it starts with; nullptr if none.
const Parameter* owner_of(const Operation& op, std::string_view key);

/// Whether the key is a flattened key of the parameter (Name.<something>), not its own name.
bool is_flattened_key(const Parameter& param, std::string_view key);

/// The wire keys and texts a value of a styled parameter travels as, in item and member order.
WireParams flatten(const Parameter& param, const nlohmann::json& value);

/// The parameters as the rules engine reads them: each styled parameter sent in its wire form
/// gets its value (see above) under its own name. A repeatList or flat parameter's items are read
/// in the order of their numbers; keys the shape does not name (Name.0, Name.x, Tag.1.Other) are
/// left as they are, unknown parameters. A repeatList or flat parameter's bare name is not its wire
/// form and is dropped. Parameters without a style are untouched.
void read_styled(const Operation& op, ParamMap& params);

/// Why a value of a styled parameter breaks its shape (not a list, more items than max_items, an
/// item not of its declared type or outside its constraints, a required member missing), or
/// nullopt when it keeps to it.
std::optional<std::string> shape_violation(const Parameter& param, std::string_view value);

/// Whether the shape restricts the value beyond "any list" or "any struct" (see shape_violation).
bool shape_constrains(const Shape& shape);

}  // namespace conform::spec
