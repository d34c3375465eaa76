#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace conform::json {

/// A document that could not be read or parsed; `where` is "line L, column C" when known.
struct ParseError : std::runtime_error {
  ParseError(std::string rule_name, std::string where_text, const std::string& message)
      : std::runtime_error(message), rule(std::move(rule_name)), where(std::move(where_text)) {}
  std::string rule;   // "unreadable-file", "invalid-json", "duplicate-key", "too-large"
  std::string where;  // position in the text, empty when the whole file is at fault
};

/// Parses JSON text strictly: duplicate object keys are an error (nlohmann would keep the last one
/// silently, and a spec that says a thing twice is ambiguous).
nlohmann::json parse_strict(const std::string& text);

/// Reads and parses a file with parse_strict; files above max_bytes are refused unread.
nlohmann::json read_file_strict(const std::string& path, std::size_t max_bytes = 16u << 20);

}  // namespace conform::json
