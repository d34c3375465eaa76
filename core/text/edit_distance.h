#pragma once

#include <cstddef>
#include <string_view>

namespace conform::text {

enum class Case { kSensitive, kIgnored };

/// Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
/// and a swap of neighbours each count one, since a swap is the commonest typo. `Case::kIgnored`
/// compares ASCII letters without case, for flags a user typed.
std::size_t edit_distance(std::string_view a, std::string_view b, Case c = Case::kSensitive);

}  // namespace conform::text
