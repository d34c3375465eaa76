#pragma once

#include <rapidcheck/Gen.h>
#include <rapidcheck/Maybe.h>

#include <cstdint>
#include <vector>

#include "core/spec/model.h"
#include "generators/fixtures.h"
#include "generators/text_shrinks.h"

// What a random case draws before it is decoded (random_cases.cpp): per parameter of the
// operation, whether it is sent and a raw pick or text.
namespace conform::gen {

// What a generator draws for one parameter; random_cases.h says how it is decoded.
struct Raw {
  std::uint64_t pick = 0;
  Text text;  // one code point each, free text parameters only
};

using RawParams = std::vector<rc::Maybe<Raw>>;  // one per operation parameter, spec order

/// A string parameter with no enum, pattern, style, resource or fixture: drawn as text.
bool is_free_text(const spec::Operation& op, const Fixtures& fixtures, const spec::Parameter& p);

/// The raw parameters, drawn and shrunk as nested_raw_params_gen draws and shrinks them, but
/// without building RapidCheck's tree of shrinkables for a case that is never shrunk.
rc::Gen<RawParams> raw_params_gen(const spec::Operation& op, const Fixtures& fixtures);

/// RapidCheck's own composition: one gen::pair per parameter, nested in spec order.
rc::Gen<RawParams> nested_raw_params_gen(const spec::Operation& op, const Fixtures& fixtures);

}  // namespace conform::gen
