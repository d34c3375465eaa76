#pragma once

#include <chrono>
#include <string>
#include <string_view>

// Text clean-up shared by the writers. Response bodies are whatever a server sent, so every
// writer passes them through here before they reach a format with rules of its own.
namespace conform::report {

/// Replaces each invalid UTF-8 sequence (overlong, surrogate, truncated, > U+10FFFF) by U+FFFD.
std::string valid_utf8(std::string_view text);

/// valid_utf8, then drops the code points XML 1.0 forbids even as references: C0 controls other
/// than tab, LF and CR, and U+FFFE/U+FFFF. https://www.w3.org/TR/REC-xml/#charsets
std::string xml_safe(std::string_view text);

/// Collapses every run of whitespace (newlines included) into one space and cuts the result at
/// max_bytes on a code point boundary, ending it with "...".
std::string one_line(std::string_view text, std::size_t max_bytes = 300);

/// Seconds with three decimals, "0.012": the precision JUnit readers display.
std::string seconds_text(std::chrono::microseconds duration);

/// & < > " ' as entities: safe in HTML text and in quoted attribute values.
std::string html_escape(std::string_view text);

}  // namespace conform::report
