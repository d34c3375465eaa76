#pragma once

#include <string>
#include <string_view>

#include "core/http/deferred_text.h"
#include "core/http/exchange.h"
#include "core/sign/params.h"

namespace conform::client {

/// A request ready for the wire. The query is kept decoded and encoded only when sent, so a test
/// can tamper with one value after signing and still produce a well-formed URL.
struct Request {
  std::string method = "POST";
  std::string scheme = "https";
  std::string host;  // host[:port], also the Host header
  std::string pathname = "/";
  sign::Params query;
  http::HeaderFields headers;
  std::string body;
  // Built by the signer; reads secrets from the environment. Cleared by the tamper helpers
  // because a re-signed replay of a tampered request would no longer be tampered.
  http::DeferredText replay_command;
};

/// scheme://host: what url_of starts with.
std::string origin_of(const Request& request);

/// scheme://host/path?encoded-query, each name and value RFC 3986 encoded.
std::string url_of(const Request& request);

// Tampering after signing: each replaces (or appends) one item and invalidates the replay.
void set_query_param(Request& request, std::string_view name, std::string_view value);
void remove_query_param(Request& request, std::string_view name);
void set_header(Request& request, std::string_view name, std::string_view value);
void remove_header(Request& request, std::string_view name);
void set_body(Request& request, std::string body);

}  // namespace conform::client
