#pragma once

#include <vector>

#include "core/spec/model.h"
#include "generators/case.h"

// How a case travels, apart from its parameter values: every combination the spec's transport
// allows. Kept apart from the values so a generator can vary one without the other.
namespace conform::gen {

struct Envelope {
  Method method = Method::kGet;
  Placement placement = Placement::kQuery;
  spec::SignatureScheme signature = spec::SignatureScheme::kV1;
  ResponseFormat format = ResponseFormat::kJson;

  friend bool operator==(const Envelope&, const Envelope&) = default;
};

/// Every method x placement x signature x format the transport allows, in spec order. GET carries
/// no body, so it comes only with kQuery, and only when every parameter may travel in the query.
std::vector<Envelope> envelopes(const spec::Operation& op);

/// Sets the case's envelope and the location of each parameter: kQuery and kBody put a parameter
/// there when its spec allows it (else in the other place), kSplit alternates.
void apply_envelope(const spec::Operation& op, const Envelope& envelope, Case& c);

}  // namespace conform::gen
