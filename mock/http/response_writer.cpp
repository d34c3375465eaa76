#include "mock/http/response_writer.h"

#include <string_view>

#include "core/text/ascii.h"

namespace conform::mock::http {

namespace {

bool framing_header(std::string_view name) {
  return text::iequals(name, "Content-Length") || text::iequals(name, "Transfer-Encoding") ||
         text::iequals(name, "Connection");
}

bool status_has_no_body(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

}  // namespace

WireResponse write_response(const Response& response, const ResponseContext& context) {
  WireResponse out;
  if (response.raw) {
    out.bytes = *response.raw;
    out.close_after = true;
    return out;
  }
  const bool truncated = response.truncate_body_to.has_value();
  out.close_after = !context.keep_alive || truncated || response.asks_close();

  const std::string_view reason =
      response.reason.empty() ? reason_phrase(response.status) : std::string_view(response.reason);
  std::string& b = out.bytes;
  b.reserve(128 + response.body.size());
  b += "HTTP/1.1 ";
  b += std::to_string(response.status);
  b += ' ';
  b += reason;
  b += "\r\n";
  for (const auto& h : response.headers) {
    if (framing_header(h.name)) {
      continue;
    }
    b += h.name;
    b += ": ";
    b += h.value;
    b += "\r\n";
  }
  const bool no_body = status_has_no_body(response.status);
  if (!no_body) {
    b += "Content-Length: ";
    b += std::to_string(response.body.size());
    b += "\r\n";
  }
  if (out.close_after) {
    b += "Connection: close\r\n";
  } else if (context.http10) {
    b += "Connection: keep-alive\r\n";
  }
  b += "\r\n";
  if (!no_body && !context.head_request) {
    if (truncated) {
      b.append(std::string_view(response.body).substr(0, *response.truncate_body_to));
    } else {
      b += response.body;
    }
  }
  return out;
}

}  // namespace conform::mock::http
