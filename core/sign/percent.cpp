#include "core/sign/percent.h"

#include <array>

#include "core/text/ascii.h"

namespace conform::sign {
namespace {

// One lookup per byte instead of seven comparisons.
constexpr std::array<bool, 256> kUnreserved = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[static_cast<std::size_t>(c)] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                         (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                                         c == '.' || c == '~';
  }
  return table;
}();

// Writes at `at`, which has room for three bytes per input byte; returns the new end.
char* encode_to(char* at, std::string_view text) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (kUnreserved[c]) {
      *at++ = ch;
    } else {
      *at++ = '%';
      *at++ = text::hex_digit_upper(c >> 4);
      *at++ = text::hex_digit_upper(c);
    }
  }
  return at;
}

template <typename Deref>
std::string encode_pairs(std::size_t count, Deref&& nth) {
  std::size_t worst = 0;
  for (std::size_t i = 0; i < count; ++i) {
    worst += 3 * (nth(i).name.size() + nth(i).value.size()) + 2;
  }
  // Sized for the worst case and cut back once: a resize per pair was most of the cost.
  std::string out(worst, '\0');
  char* at = out.data();
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) {
      *at++ = '&';
    }
    at = encode_to(at, nth(i).name);
    *at++ = '=';
    at = encode_to(at, nth(i).value);
  }
  out.resize(static_cast<std::size_t>(at - out.data()));
  return out;
}

}  // namespace

std::string percent_encode(std::string_view text) {
  std::string out;
  append_percent_encoded(out, text);
  return out;
}

void append_percent_encoded(std::string& out, std::string_view text) {
  const std::size_t old_size = out.size();
  out.resize(old_size + text.size() * 3);
  char* const end = encode_to(out.data() + old_size, text);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

Decoded percent_decode(std::string_view text, PlusIs plus) {
  Decoded result;
  result.value.reserve(text.size());
  const bool plus_is_space = plus == PlusIs::kSpace;
  std::size_t i = 0;
  while (i < text.size()) {
    // Plain runs are copied whole: most names and values have no escape at all. (Not
    // find_first_of, which calls memchr on its set once per byte.)
    std::size_t run_end = i;
    while (run_end < text.size() && text[run_end] != '%' &&
           !(plus_is_space && text[run_end] == '+')) {
      ++run_end;
    }
    result.value.append(text.data() + i, run_end - i);
    i = run_end;
    if (i == text.size()) {
      break;
    }
    if (text[i] == '+') {
      result.value += ' ';
      ++i;
      continue;
    }
    const int hi = i + 1 < text.size() ? text::hex_value(text[i + 1]) : -1;
    const int lo = i + 2 < text.size() ? text::hex_value(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      result.error =
          DecodeError{i, "'%' at byte " + std::to_string(i) + " is not followed by two hex digits"};
      return result;
    }
    result.value += static_cast<char>(hi * 16 + lo);
    i += 3;
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
  return encode_pairs(params.size(), [&](std::size_t i) -> const Param& { return params[i]; });
}

std::string encode_params(const std::vector<const Param*>& params) {
  return encode_pairs(params.size(), [&](std::size_t i) -> const Param& { return *params[i]; });
}

}  // namespace conform::sign
