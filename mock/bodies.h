#pragma once

#include <map>
#include <random>
#include <set>
#include <string>

#include "core/spec/model.h"

namespace conform::mock {

/// The values of protocol-level fields (spec field member "value").
struct ProtocolValues {
  std::string request_id;
  std::string host;
  std::string code;
  std::string message;
  std::string recommend;
};

/// A response body in the requested format and the Content-Type the protocol gives it.
struct Body {
  std::string content_type;
  std::string text;
};

/// Values for every success field the spec lets the mock make up ("generate": uuid or digits:N),
/// by dotted path, e.g. {"Data.Id": "501870558953312"}.
std::map<std::string, std::string> generate_values(const spec::Operation& op,
                                                   std::mt19937_64& random);

/// A fresh uppercase UUID, the shape the service's RequestIds have.
std::string make_request_id(std::mt19937_64& random);

/// The success body built from the spec's response fields; `drop` leaves fields out (a fault).
Body render_success(const spec::Operation& op, const std::string& format,
                    const ProtocolValues& protocol,
                    const std::map<std::string, std::string>& values,
                    const std::set<std::string>& drop = {});

/// The error body built from the protocol's error_body fields.
Body render_error(const spec::Operation& op, const std::string& format,
                  const ProtocolValues& protocol);

/// The diagnosis link from the protocol's template.
std::string recommend_link(const spec::Operation& op, const std::string& code,
                           const std::string& request_id);

}  // namespace conform::mock
