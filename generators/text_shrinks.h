#pragma once

#include <rapidcheck/Random.h>
#include <rapidcheck/Seq.h>

#include <string>
#include <vector>

// How drawn free text shrinks. Against a real endpoint every candidate is a request, and maybe an
// order, so the candidates come in the order that removes most per request: RapidCheck's own
// container shrink tries every chunk of every size (quadratic in the length) and then one piece
// at a time, which took tens of thousands of requests on one long value.
namespace conform::gen {

/// Text as drawn: one code point per piece, each piece one of `alphabet`.
using Text = std::vector<std::string>;

/// The text rc::gen::container<Text>(rc::gen::elementOf(alphabet)) draws from `random` at `size`,
/// the same random streams consumed the same way, without the shrinkable RapidCheck makes for
/// every piece: drawn text shrinks with text_shrinks, so only the value was ever used, and those
/// shrinkables were a twentieth of a run's CPU.
Text draw_text(const rc::Random& random, int size, const std::vector<std::string>& alphabet);

/// Shrink candidates of `text`, lazily, in this order:
///  1. prefixes, by halving what is cut: length 0, n/2, 3n/4, ... n-1 (a binary search for the
///     shortest failing length when only the length matters);
///  2. one aligned chunk removed, chunk sizes halving from n/2 to 1 (a piece in the middle that
///     matters survives while the rest goes);
///  3. every piece replaced by alphabet[0] at once;
///  4. one piece at a time moved towards alphabet[0], halving its distance in the alphabet.
/// A candidate equal to `text` is never offered.
rc::Seq<Text> text_shrinks(const Text& text, const std::vector<std::string>& alphabet);

}  // namespace conform::gen
