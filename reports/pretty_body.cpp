#include "reports/pretty_body.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "core/text/ascii.h"

namespace conform::report {
namespace {

bool contains_ci(std::string_view text, std::string_view word) {
  return text::ifind(text, word) != std::string_view::npos;
}

char first_significant(std::string_view body) {
  for (char c : body) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      return c;
    }
  }
  return '\0';
}

// dump() recurses once per level: a hostile body 100,000 levels deep would overflow the stack
// while the parse (iterative) went fine. Deeper bodies are shown as received.
constexpr int kMaxPrettyDepth = 256;

std::string pretty_json(std::string_view body) {
  struct TooDeep {};
  auto limit = [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > kMaxPrettyDepth) {
      throw TooDeep{};  // stops the parse here rather than scanning the rest of the bomb
    }
    return true;
  };
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(body, limit, false);
  } catch (const TooDeep&) {
    return std::string(body);
  }
  if (doc.is_discarded()) {
    return std::string(body);
  }
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string pretty_xml(std::string_view body) {
  pugi::xml_document doc;
  const auto parsed =
      doc.load_buffer(body.data(), body.size(), pugi::parse_default | pugi::parse_declaration);
  if (!parsed) {
    return std::string(body);
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent | pugi::format_no_declaration);
  std::string text = out.str();
  while (!text.empty() && text.back() == '\n') {
    text.pop_back();
  }
  return text;
}

}  // namespace

std::string pretty_body(std::string_view body, std::string_view content_type) {
  const char first = first_significant(body);
  if (contains_ci(content_type, "json") ||
      (content_type.empty() && (first == '{' || first == '['))) {
    return pretty_json(body);
  }
  if (contains_ci(content_type, "xml") || (content_type.empty() && first == '<')) {
    return pretty_xml(body);
  }
  return std::string(body);
}

}  // namespace conform::report
