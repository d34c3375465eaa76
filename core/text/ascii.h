#pragma once

#include <string>
#include <string_view>

// ASCII text helpers, written once: case folding for protocol tokens (header names, media types,
// booleans, enum values) and hex digits. They never consult the locale: std::tolower's locale
// lookup per character was a tenth of the time spent signing a request, and a locale could fold
// bytes of UTF-8 text.
namespace conform::text {

/// 'A'..'Z' to 'a'..'z'; every other byte unchanged.
constexpr char to_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// 'a'..'z' to 'A'..'Z'; every other byte unchanged.
constexpr char to_upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);

/// Equal but for ASCII case.
bool iequals(std::string_view a, std::string_view b);

/// Where `needle` first occurs in `haystack` ignoring ASCII case; npos when it does not.
std::size_t ifind(std::string_view haystack, std::string_view needle);

/// The value of a hex digit (either case), or -1 for any other byte.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/// The hex digit for 0..15.
constexpr char hex_digit_lower(unsigned value) {
  return "0123456789abcdef"[value & 0x0F];
}
constexpr char hex_digit_upper(unsigned value) {
  return "0123456789ABCDEF"[value & 0x0F];
}

/// Two hex digits per byte.
std::string hex_lower(std::string_view bytes);
std::string hex_upper(std::string_view bytes);

}  // namespace conform::text
