#pragma once

#include <filesystem>
#include <string>

// The documents specs quote sit beside the project (../shared), not in it; tests that compare a
// quote with its document read them through here.
namespace conform::testing {

inline std::filesystem::path shared_documents() {
  return std::filesystem::path(CONFORM_SOURCE_DIR) / ".." / "shared";
}

/// Every run of whitespace as one space, none leading: quotes are verbatim up to whitespace.
inline std::string collapse_whitespace(const std::string& s) {
  std::string out;
  for (char ch : s) {
    const bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
    if (space && (out.empty() || out.back() == ' '))
      continue;
    out += space ? ' ' : ch;
  }
  return out;
}

}  // namespace conform::testing
