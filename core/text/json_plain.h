#pragma once

namespace conform::text {

/// A byte JSON writes in a string as it is, with no escape: printable ASCII other than the quote
/// and the backslash. The judge's plain reading of a JSON body and the mock's plain writing of one
/// both stop at any other byte and leave it to nlohmann.
constexpr bool json_plain(char c) {
  return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
}

}  // namespace conform::text
