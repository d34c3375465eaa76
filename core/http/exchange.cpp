#include "core/http/exchange.h"

#include <algorithm>

#include "core/text/ascii.h"

namespace conform::http {

std::string_view to_string(TransportErrorKind kind) {
  switch (kind) {
    case TransportErrorKind::kConnectFailed:
      return "connect_failed";
    case TransportErrorKind::kConnectTimeout:
      return "connect_timeout";
    case TransportErrorKind::kTimeout:
      return "timeout";
    case TransportErrorKind::kTls:
      return "tls";
    case TransportErrorKind::kProtocol:
      return "protocol";
    case TransportErrorKind::kNoResponse:
      return "no_response";
    case TransportErrorKind::kConnectionReset:
      return "connection_reset";
    case TransportErrorKind::kBodyIncomplete:
      return "body_incomplete";
    case TransportErrorKind::kBodyTooLarge:
      return "body_too_large";
    case TransportErrorKind::kSendFailed:
      return "send_failed";
    case TransportErrorKind::kNotSent:
      return "not_sent";
    case TransportErrorKind::kOther:
      return "other";
  }
  return "other";
}

std::optional<std::string> find_header(const HeaderFields& headers, std::string_view name) {
  for (const auto& h : headers) {
    if (text::iequals(h.name, name)) {
      return h.value;
    }
  }
  return std::nullopt;
}

}  // namespace conform::http
