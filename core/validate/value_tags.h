#pragma once

#include <string>
#include <string_view>

// Flattened values are text; a leaf that is not a plain string carries a type tag, "\x01type:"
// before its text. A string that itself begins with the tag byte is tagged "string", and objects
// are tagged too, so no body text can pass for another type (a JSON string "\u0001number:5" or
// "{object}" once did). Both readings of a JSON body and the XML one write values so.
namespace conform::validate {

inline constexpr char kTag = '\x01';

inline std::string tagged(std::string_view type, std::string_view text) {
  std::string out(1, kTag);
  out += type;
  out += ':';
  out += text;
  return out;
}

inline std::string leaf_text(const std::string& text) {
  return !text.empty() && text[0] == kTag ? tagged("string", text) : text;
}

/// What an object's own path holds.
inline const std::string kObject = tagged("object", "{object}");

}  // namespace conform::validate
