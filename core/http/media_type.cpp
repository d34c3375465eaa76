#include "core/http/media_type.h"

#include <cctype>

namespace conform::http {
namespace {

// RFC 9110 5.6.2: tchar.
bool is_tchar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c)))
    return true;
  for (char t : std::string_view("!#$%&'*+-.^_`|~"))
    if (c == t)
      return true;
  return false;
}

bool is_ows(char c) {
  return c == ' ' || c == '\t';
}

std::string lower(std::string_view text) {
  std::string out;
  for (char c : text)
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool equals_ci(std::string_view a, std::string_view b) {
  return lower(a) == lower(b);
}

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  std::size_t pos() const { return pos_; }
  void skip_ows() {
    while (!done() && is_ows(peek()))
      ++pos_;
  }
  bool take(char c) {
    if (done() || peek() != c)
      return false;
    ++pos_;
    return true;
  }
  std::string_view token() {
    const std::size_t start = pos_;
    while (!done() && is_tchar(peek()))
      ++pos_;
    return text_.substr(start, pos_ - start);
  }
  // RFC 9110 5.6.4, after the opening quote: qdtext and quoted-pairs up to the closing quote.
  std::optional<std::string> quoted_rest() {
    std::string out;
    while (!done()) {
      const char c = text_[pos_++];
      if (c == '"')
        return out;
      if (c == '\\') {
        if (done())
          return std::nullopt;
        out += text_[pos_++];
      } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
        return std::nullopt;  // a control character cannot be in qdtext
      } else {
        out += c;
      }
    }
    return std::nullopt;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

ParsedMediaType fail(std::string what, std::size_t at) {
  return {std::nullopt, what + " at offset " + std::to_string(at)};
}

}  // namespace

std::optional<std::string> MediaType::parameter(std::string_view name) const {
  for (const auto& [n, v] : parameters)
    if (equals_ci(n, name))
      return v;
  return std::nullopt;
}

ParsedMediaType parse_media_type(std::string_view text) {
  Reader r(text);
  r.skip_ows();
  MediaType out;
  out.type = lower(r.token());
  if (out.type.empty())
    return fail("no media type", r.pos());
  if (!r.take('/'))
    return fail("'/' expected after the type \"" + out.type + "\"", r.pos());
  out.subtype = lower(r.token());
  if (out.subtype.empty())
    return fail("no subtype after \"" + out.type + "/\"", r.pos());
  r.skip_ows();
  while (!r.done()) {
    if (!r.take(';'))
      return fail("';' expected before a parameter", r.pos());
    r.skip_ows();
    if (r.done() || r.peek() == ';')
      continue;  // an empty parameter
    const std::string name = lower(r.token());
    if (name.empty())
      return fail("a parameter name expected", r.pos());
    r.skip_ows();
    if (!r.take('='))
      return fail("'=' expected after the parameter \"" + name + "\"", r.pos());
    r.skip_ows();
    std::string value;
    if (r.take('"')) {
      auto quoted = r.quoted_rest();
      if (!quoted)
        return fail("unterminated or invalid quoted value of \"" + name + "\"", r.pos());
      value = *std::move(quoted);
    } else {
      value = r.token();
      if (value.empty())
        return fail("a value expected for the parameter \"" + name + "\"", r.pos());
    }
    out.parameters.emplace_back(name, std::move(value));
    r.skip_ows();
  }
  return {std::move(out), ""};
}

bool names_utf8(std::string_view charset) {
  return equals_ci(charset, "utf-8") || equals_ci(charset, "csutf8");
}

bool same_essence(const MediaType& a, const MediaType& b) {
  return a.type == b.type && a.subtype == b.subtype;
}

}  // namespace conform::http
