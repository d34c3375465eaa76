#include "core/validate/plain_json.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/text/json_plain.h"
#include "core/validate/value_tags.h"

namespace conform::validate {
namespace {

class PlainJson {
 public:
  explicit PlainJson(std::string_view text) : text_(text) {}

  bool read(FieldValues& out) {
    skip_space();
    if (!object("", 0, out))
      return false;
    skip_space();
    return at_ == text_.size();
  }

 private:
  static constexpr int kPlainDepth = 16;  // deeper: nlohmann's reading, with its depth limit

  bool eat(char c) {
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }

  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
      ++at_;
  }

  bool string(std::string_view& out) {
    if (!eat('"'))
      return false;
    const std::size_t start = at_;
    for (; at_ < text_.size(); ++at_) {
      const char c = text_[at_];
      if (c == '"') {
        out = text_.substr(start, at_ - start);
        ++at_;
        return true;
      }
      if (!text::json_plain(c))
        return false;
    }
    return false;
  }

  bool word(std::string_view w) {
    if (text_.substr(at_, w.size()) != w)
      return false;
    at_ += w.size();
    return true;
  }

  bool value(const std::string& path, int depth, FieldValues& out) {
    if (at_ >= text_.size())
      return false;
    const char c = text_[at_];
    if (c == '{') {
      out[path] = kObject;
      return object(path, depth + 1, out);
    }
    if (c == '"') {
      std::string_view text;
      if (!string(text))
        return false;
      out[path] = std::string(text);
      return true;
    }
    if (c >= '0' && c <= '9') {
      const std::size_t start = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9')
        ++at_;
      const std::size_t digits = at_ - start;
      if (digits > 18 || (digits > 1 && c == '0'))
        return false;
      out[path] = tagged("number", std::string(text_.substr(start, digits)));
      return true;
    }
    for (const std::string_view literal : {"true", "false"}) {
      if (word(literal)) {
        out[path] = tagged("boolean", std::string(literal));
        return true;
      }
    }
    if (word("null")) {
      out[path] = tagged("null", "null");
      return true;
    }
    return false;
  }

  bool object(const std::string& prefix, int depth, FieldValues& out) {
    if (depth > kPlainDepth || !eat('{'))
      return false;
    skip_space();
    if (eat('}'))
      return true;
    std::vector<std::string_view> keys;
    while (true) {
      skip_space();
      std::string_view key;
      // A dotted key could flatten onto the path of a nested one; nlohmann's reading settles
      // which wins.
      if (!string(key) || key.find('.') != std::string_view::npos ||
          std::find(keys.begin(), keys.end(), key) != keys.end())
        return false;
      keys.push_back(key);
      skip_space();
      if (!eat(':'))
        return false;
      skip_space();
      const std::string path = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
      if (!value(path, depth, out))
        return false;
      skip_space();
      if (eat(','))
        continue;
      return eat('}');
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

bool read_plain_json(std::string_view body, FieldValues& out) {
  return PlainJson(body).read(out);
}

}  // namespace conform::validate
