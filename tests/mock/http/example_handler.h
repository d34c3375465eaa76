#pragma once

#include <stdexcept>
#include <string>

#include "mock/http/handler.h"

namespace conform::mock::http::testing {

/// The smallest useful handler, and the shape the spec-driven layer plugs in: it sees a parsed
/// request and returns a response. It echoes what the server parsed so tests can check it, and a
/// few paths switch on the fault controls.
inline Response echo_handler(const ReceivedRequest& req) {
  if (req.path == "/throw") {
    throw std::runtime_error("handler bug");
  }
  Response r;
  r.headers.push_back({"Content-Type", "text/plain"});
  r.headers.push_back({"X-Method", req.method});
  r.headers.push_back({"X-Path", req.path});
  r.headers.push_back({"X-Query", req.query});
  r.headers.push_back({"X-Peer", req.peer_ip + (req.peer_is_loopback ? " loopback" : "")});
  const auto type = req.header("content-type");
  r.headers.push_back({"X-Content-Type", type ? std::string(*type) : std::string()});
  std::string trailers;
  for (const auto& t : req.trailers) {
    trailers += t.name + "=" + t.value + ";";
  }
  r.headers.push_back({"X-Trailers", trailers});
  r.body = req.body;
  return r;
}

}  // namespace conform::mock::http::testing
