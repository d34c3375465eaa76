#include "core/sign/percent.h"

#include "core/text/ascii.h"

namespace conform::sign {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

}  // namespace

std::string percent_encode(std::string_view text) {
  // Written through a pointer into a buffer sized for the worst case: appending one char at a
  // time was a tenth of the client's cost per signed request (every name and value, then the
  // whole canonical string again for V1).
  std::string out(text.size() * 3, '\0');
  char* at = out.data();
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      *at++ = ch;
    } else {
      *at++ = '%';
      *at++ = text::hex_digit_upper(c >> 4);
      *at++ = text::hex_digit_upper(c);
    }
  }
  out.resize(static_cast<std::size_t>(at - out.data()));
  return out;
}

Decoded percent_decode(std::string_view text, PlusIs plus) {
  Decoded result;
  result.value.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus == PlusIs::kSpace) {
      result.value += ' ';
    } else if (c == '%') {
      const int hi = i + 1 < text.size() ? text::hex_value(text[i + 1]) : -1;
      const int lo = i + 2 < text.size() ? text::hex_value(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        result.error = DecodeError{
            i, "'%' at byte " + std::to_string(i) + " is not followed by two hex digits"};
        return result;
      }
      result.value += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      result.value += c;
    }
  }
  return result;
}

ParsedParams parse_params(std::string_view text, PlusIs plus) {
  ParsedParams result;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('&', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view segment = text.substr(start, end - start);
    if (!segment.empty()) {
      const std::size_t eq = segment.find('=');
      const std::string_view raw_name = segment.substr(0, eq);
      const std::string_view raw_value =
          eq == std::string_view::npos ? std::string_view{} : segment.substr(eq + 1);
      Decoded name = percent_decode(raw_name, plus);
      Decoded value = percent_decode(raw_value, plus);
      if (!name.ok() || !value.ok()) {
        DecodeError e = name.ok() ? *value.error : *name.error;
        e.offset += start + (name.ok() ? eq + 1 : 0);
        e.message = "malformed escape at byte " + std::to_string(e.offset) + " of '" +
                    std::string(segment.substr(0, std::min<std::size_t>(eq, 64))) +
                    "': '%' is not followed by two hex digits";
        result.error = std::move(e);
        return result;
      }
      result.params.push_back({std::move(name.value), std::move(value.value)});
    }
    start = end + 1;
  }
  return result;
}

std::string encode_params(const Params& params) {
  std::string out;
  for (const auto& p : params) {
    if (!out.empty()) {
      out += '&';
    }
    out += percent_encode(p.name);
    out += '=';
    out += percent_encode(p.value);
  }
  return out;
}

}  // namespace conform::sign
