#include "core/http/mask.h"

#include <algorithm>

#include "core/text/ascii.h"

namespace conform::http {
namespace {

// Names may arrive percent-encoded only in pathological cases; secrets are compared on the raw
// name because every client we know sends these two names unescaped.
bool is_secret_param(std::string_view name) {
  return name == "Signature" || name == "SecurityToken";
}

}  // namespace

std::string mask_params_text(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('&', start), text.size());
    const std::string_view segment = text.substr(start, end - start);
    const std::size_t eq = segment.find('=');
    if (eq != std::string_view::npos && is_secret_param(segment.substr(0, eq))) {
      out += segment.substr(0, eq + 1);
      out += kMask;
    } else {
      out += segment;
    }
    if (end < text.size()) {
      out += '&';
    }
    start = end + 1;
  }
  return out;
}

std::string mask_url(std::string_view url) {
  const std::size_t q = url.find('?');
  if (q == std::string_view::npos) {
    return std::string(url);
  }
  const std::size_t hash = url.find('#', q);
  std::string out(url.substr(0, q + 1));
  out += mask_params_text(url.substr(q + 1, hash == std::string_view::npos ? hash : hash - q - 1));
  if (hash != std::string_view::npos) {
    out += url.substr(hash);
  }
  return out;
}

HeaderFields mask_headers(HeaderFields headers) {
  for (auto& h : headers) {
    if (text::iequals(h.name, "x-acs-security-token")) {
      h.value = kMask;
    } else if (text::iequals(h.name, "authorization")) {
      const std::size_t at = h.value.find("Signature=");
      if (at == std::string::npos) {
        // Unknown scheme: the whole value may be a credential.
        h.value = kMask;
      } else {
        const std::size_t end = std::min(h.value.find(',', at), h.value.size());
        h.value.replace(at + 10, end - at - 10, kMask);
      }
    }
  }
  return headers;
}

}  // namespace conform::http
