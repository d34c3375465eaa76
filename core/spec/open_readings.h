#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/spec/evaluate.h"
#include "core/spec/model.h"

// Values every rule of the spec accepts, but whose answer the sources leave open: a lenient
// service reads them one way, a strict one refuses them, and no document says which this service
// is. A request carrying one is an observation, never a valid case, whatever the rules engine
// says of it. This is the one place that decides it; generators, the judge and the oracle tests
// read it from here.
namespace conform::spec {

/// Why `value` for `param` reads open, or nullopt when every reading of the sources agrees:
///  - the parameter is hidden: the SDKs send it, no document says what it does;
///  - a boolean not written `true` or `false` (how the documents serialize booleans);
///  - an integer not written in plain decimal: a sign, or a leading zero;
///  - a string outside conservative_limits (the product's convention: length, characters).
/// Says nothing about the declared rules: a value that breaks one is value_violation's.
std::optional<std::string> open_reading(const Parameter& param, std::string_view value);

/// The first operation parameter of `params`, in spec order, whose value reads open.
struct OpenReading {
  const Parameter* param = nullptr;
  std::string why;
};
std::optional<OpenReading> open_reading(const Operation& op, const ParamMap& params);

}  // namespace conform::spec
