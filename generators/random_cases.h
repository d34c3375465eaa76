#pragma once

#include <rapidcheck/Gen.h>

#include <memory>

#include "core/spec/model.h"
#include "generators/breaks.h"
#include "generators/case.h"
#include "generators/fixtures.h"

// RapidCheck generators of cases. They share the operation and a copy of the fixtures, so a
// generator may outlive the caller's objects.
//
// How they shrink: a generator draws a raw structure, not parameter values: one optional "pick"
// per parameter (a number, or a list of characters for free text) and an envelope. A pure function
// decodes it into parameters, in dependency order, under the conditions already chosen: a pick
// becomes the range's minimum (0), its maximum (1) or a value inside it, an enum value, a resource
// id in an allowed state. RapidCheck shrinks the raw structure (an optional parameter towards
// absent, a pick towards 0 = the minimum, text towards shorter and towards 'a' (text_shrinks.h),
// the envelope towards the first), and every shrink candidate is decoded again, so it stays valid
// by construction. Signing happens later, at send time, so a shrunk case is simply signed anew.
//
// An invalid case is a break (breaks.h) laid over such a decoded "rest": the break is chosen
// without shrinking and kept fixed, the rest is decoded with the break's assignments as context
// and shrinks as above. Every candidate, shrunk or not, is checked with the rules engine
// (oracle.h) and kept only if its first breach is still the break's rule, so shrinking a failing
// invalid case never moves it to another rule.
namespace conform::gen {

/// Random valid cases. Throws std::invalid_argument when the fixtures cannot make any (a
/// required parameter names a resource they lack).
rc::Gen<Case> valid_case(std::shared_ptr<const spec::Operation> op, Fixtures fixtures);

/// Random invalid cases breaking one given rule the given way.
rc::Gen<Case> invalid_case(std::shared_ptr<const spec::Operation> op, Fixtures fixtures, Break b);

/// Random invalid cases over every break of the spec (see breaks()). Throws std::invalid_argument
/// when there is none.
rc::Gen<Case> invalid_case(std::shared_ptr<const spec::Operation> op, Fixtures fixtures);

}  // namespace conform::gen
