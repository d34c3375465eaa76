#include "core/json/parse.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

namespace conform::json {
namespace {

std::string line_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

nlohmann::json parse_strict(const std::string& text) {
  std::vector<std::set<std::string>> keys_per_object;
  std::string duplicate;
  auto on_event = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) {
      keys_per_object.emplace_back();
    } else if (event == Event::object_end) {
      if (!keys_per_object.empty())
        keys_per_object.pop_back();
    } else if (event == Event::key && !keys_per_object.empty()) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!keys_per_object.back().insert(key).second && duplicate.empty())
        duplicate = key;
    }
    return true;
  };
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text, on_event);
  } catch (const nlohmann::json::parse_error& e) {
    std::string message = e.what();
    // nlohmann prefixes its own type tag and position; keep only the human part.
    if (auto pos = message.find(": syntax error"); pos != std::string::npos) {
      message = message.substr(pos + 2);
    }
    throw ParseError("invalid-json", line_column(text, e.byte > 0 ? e.byte - 1 : 0), message);
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond double ("1e400") is out_of_range, not parse_error, and carries no position.
    std::string message = e.what();
    if (auto pos = message.find("] "); pos != std::string::npos) {
      message = message.substr(pos + 2);
    }
    throw ParseError("invalid-json", "", message);
  }
  if (!duplicate.empty()) {
    throw ParseError("duplicate-key", "", "key \"" + duplicate + "\" appears twice in one object");
  }
  return doc;
}

nlohmann::json read_file_strict(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw ParseError("unreadable-file", "",
                     std::filesystem::exists(path, ec) ? "not a regular file" : "no such file");
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec)
    throw ParseError("unreadable-file", "", ec.message());
  if (size > max_bytes) {
    throw ParseError(
        "too-large", "",
        "file has " + std::to_string(size) + " bytes, the limit is " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ParseError("unreadable-file", "", "cannot open for reading");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_strict(buffer.str());
}

}  // namespace conform::json
