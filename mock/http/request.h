#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/ascii.h"

namespace conform::mock::http {

struct Header {
  std::string name;
  std::string value;
};

using Headers = std::vector<Header>;

/// Case-insensitive lookup of the first header called `name`; names are compared ASCII-only, as
/// HTTP field names are tokens.
std::optional<std::string_view> find_header(const Headers& headers, std::string_view name);

/// One parsed HTTP/1.x request, as received: nothing is percent-decoded, because the upper layer
/// must see the exact wire encoding to verify signatures.
struct ReceivedRequest {
  std::string method;
  std::string target;   // as on the request line, e.g. "/?Action=X" or "http://host/?Action=X"
  std::string path;     // target without scheme/authority and query, still percent-encoded
  std::string query;    // after the first '?', undecoded; empty when there is none
  std::string version;  // "HTTP/1.1" or "HTTP/1.0"
  Headers headers;      // in order of arrival, duplicates kept
  Headers trailers;     // from a chunked body's trailer section
  std::string body;     // de-chunked
  std::string peer_ip;  // numeric, e.g. "127.0.0.1" or "::1"
  bool peer_is_loopback = false;

  std::optional<std::string_view> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

/// Whether a comma-separated header value (e.g. Connection) lists `token`, case-insensitively.
bool has_token(std::string_view list, std::string_view token);

}  // namespace conform::mock::http
