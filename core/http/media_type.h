#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Content-Type values read as media types (RFC 9110 section 8.3.1), so that two spellings of one
// media type compare equal: "text/xml;charset=utf-8" and "Text/XML; Charset=\"UTF-8\"" are one.
namespace conform::http {

struct MediaType {
  std::string type;     // lowercased
  std::string subtype;  // lowercased
  // In order of appearance; names lowercased, values unquoted with their case kept.
  std::vector<std::pair<std::string, std::string>> parameters;

  /// The value of the first parameter of that name (any case), if any.
  std::optional<std::string> parameter(std::string_view name) const;
};

struct ParsedMediaType {
  std::optional<MediaType> value;
  std::string error;  // what is malformed and where, when value is empty
};

/// Parses `type "/" subtype *( OWS ";" OWS [ name "=" value ] )` with token or quoted-string
/// values. More lenient than RFC 9110 where senders are known to be: whitespace around the whole
/// value and around '=' is tolerated, and empty parameters (";;", a trailing ';') are skipped.
ParsedMediaType parse_media_type(std::string_view text);

/// Whether a charset value names UTF-8: the IANA character-sets registry's name "UTF-8" or its
/// one registered alias "csUTF8", case-insensitively (RFC 9110: charset names are
/// case-insensitive). "utf8" is neither and is refused.
bool names_utf8(std::string_view charset);

/// Same type and subtype, case-insensitively; parameters are not compared.
bool same_essence(const MediaType& a, const MediaType& b);

}  // namespace conform::http
