#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/spec/evaluate.h"
#include "tests/oracle/corpus.h"

// The rules engine's expectation for a corpus case, and whether it equals the case's set.
//
// Mapping between the two vocabularies:
//   engine: no rule broken, no value read open  <-> case success
//   engine: no rule broken, a value read open   <-> case open
//   engine: rule broken, outcome settles answer     <-> case error, the same {http, code} set
//   engine: rule broken, outcome settles rejection  <-> case client-error (a 4xx, code open)
//   engine: rule broken, outcome settles nothing    <-> case open
// A {param} template of the engine matches a case's code with any parameter name in its place.
namespace conform::oracle {

struct EngineAnswer {
  const spec::Rule* rule = nullptr;  // nullptr: no rule broken
  std::vector<spec::Answer> answers;
  bool settled = true;
  bool rejection_settled = true;
  // No rule broken, but a value reads open (spec::open_reading): the engine settles nothing.
  std::optional<std::string> open_reading;
};

/// Applies the spec's rules to the case's request. Checks the model cannot decide alone are
/// decided from the corpus: resources from its endpoint file, protocol checks from how the
/// request departs from a correctly signed one (as generators/oracle does for its tampers).
EngineAnswer engine_answer(const spec::Operation& op, const Corpus& corpus, const Case& c);

/// Why the engine's answer is not the case's set; nullopt when they are equal.
std::optional<std::string> disagreement(const Case& c, const EngineAnswer& engine);

/// "rule period-valid: settled {400 X, 400 Y}" or "success".
std::string describe(const EngineAnswer& engine);

}  // namespace conform::oracle
