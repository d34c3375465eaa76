#include "client/request.h"

#include <algorithm>

#include "core/sign/percent.h"
#include "core/text/ascii.h"

namespace conform::client {
namespace {

void mark_tampered(Request& request) {
  request.replay_command =
      "# This request was altered after signing on purpose; it cannot be re-sent with a valid\n"
      "# signature and conform does not store the original one.\n";
}

}  // namespace

std::string origin_of(const Request& request) {
  return request.scheme + "://" + request.host;
}

std::string url_of(const Request& request) {
  std::string url = origin_of(request) + request.pathname;
  if (!request.query.empty()) {
    url += '?';
    url += sign::encode_params(request.query);
  }
  return url;
}

void set_query_param(Request& request, std::string_view name, std::string_view value) {
  mark_tampered(request);
  for (auto& p : request.query) {
    if (p.name == name) {
      p.value = std::string(value);
      return;
    }
  }
  request.query.push_back({std::string(name), std::string(value)});
}

void remove_query_param(Request& request, std::string_view name) {
  mark_tampered(request);
  std::erase_if(request.query, [&](const sign::Param& p) { return p.name == name; });
}

void set_header(Request& request, std::string_view name, std::string_view value) {
  mark_tampered(request);
  for (auto& h : request.headers) {
    if (text::iequals(h.name, name)) {
      h.value = std::string(value);
      return;
    }
  }
  request.headers.push_back({std::string(name), std::string(value)});
}

void remove_header(Request& request, std::string_view name) {
  mark_tampered(request);
  std::erase_if(request.headers,
                [&](const http::HeaderField& h) { return text::iequals(h.name, name); });
}

void set_body(Request& request, std::string body) {
  mark_tampered(request);
  request.body = std::move(body);
}

}  // namespace conform::client
