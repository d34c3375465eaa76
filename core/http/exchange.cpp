#include "core/http/exchange.h"

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
    case TransportErrorKind::kBodyIncomplete:
      return "body_incomplete";
    case TransportErrorKind::kBodyTooLarge:
      return "body_too_large";
    case TransportErrorKind::kSendFailed:
      return "send_failed";
    case TransportErrorKind::kOther:
      return "other";
  }
  return "other";
}

}  // namespace conform::http
