#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/sign/params.h"

namespace conform::sign {

/// RFC 3986 as Alibaba signs it: A-Za-z0-9-_.~ stay, every other UTF-8 byte becomes %XY (upper).
std::string percent_encode(std::string_view text);

/// percent_encode(text) appended to `out`, without a string of its own: a signed request
/// encodes every name and value, then the canonical string again.
void append_percent_encoded(std::string& out, std::string_view text);

/// Form bodies (application/x-www-form-urlencoded) use '+' for space; URL queries from some
/// clients do too, so the caller decides.
enum class PlusIs { kPlus, kSpace };

struct DecodeError {
  std::size_t offset = 0;  // byte offset of the offending '%' in the input
  std::string message;
};

struct Decoded {
  std::string value;
  std::optional<DecodeError> error;
  bool ok() const { return !error.has_value(); }
};

/// Decodes %XY escapes. A '%' not followed by two hex digits is reported, not passed through,
/// because a verifier that guessed would sign something the client never meant.
Decoded percent_decode(std::string_view text, PlusIs plus);

struct ParsedParams {
  Params params;
  std::optional<DecodeError> error;  // offset is relative to the whole input
  bool ok() const { return !error.has_value(); }
};

/// Splits "a=1&b=2" (no leading '?') into decoded pairs in input order. Empty segments are
/// skipped; a segment without '=' is a name with an empty value.
ParsedParams parse_params(std::string_view text, PlusIs plus);

/// Joins pairs as name=value&... with percent_encode on both; the inverse of parse_params.
std::string encode_params(const Params& params);

/// encode_params over pairs that live elsewhere, in the order given.
std::string encode_params(const std::vector<const Param*>& params);

}  // namespace conform::sign
