#include "core/text/ascii.h"

#include <algorithm>

namespace conform::text {
namespace {

std::string hex_of(std::string_view bytes, char (*digit)(unsigned)) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += digit(b >> 4);
    out += digit(b);
  }
  return out;
}

}  // namespace

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = to_lower(c);
  return out;
}

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = to_upper(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return to_lower(x) == to_lower(y); });
}

std::size_t ifind(std::string_view haystack, std::string_view needle) {
  const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                              [](char x, char y) { return to_lower(x) == to_lower(y); });
  return it == haystack.end() && !needle.empty() ? std::string_view::npos
                                                 : static_cast<std::size_t>(it - haystack.begin());
}

std::string hex_lower(std::string_view bytes) {
  return hex_of(bytes, [](unsigned v) { return hex_digit_lower(v); });
}

std::string hex_upper(std::string_view bytes) {
  return hex_of(bytes, [](unsigned v) { return hex_digit_upper(v); });
}

}  // namespace conform::text
