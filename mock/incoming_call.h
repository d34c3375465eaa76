#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/sign/params.h"
#include "core/sign/v3.h"
#include "core/spec/evaluate.h"
#include "mock/http/request.h"

namespace conform::mock {

enum class SignatureScheme { kNone, kV1, kV3 };

/// An HTTP request read as an RPC call: parameters decoded from the query and a form body, the
/// signing scheme recognised, the protocol values (action, version, key, time, nonce) found where
/// that scheme puts them.
struct IncomingCall {
  SignatureScheme scheme = SignatureScheme::kNone;
  std::string method;
  sign::Params query;                    // decoded, in wire order
  sign::Params form;                     // decoded form-body parameters
  sign::Params all;                      // query then form: what V1 signs
  spec::ParamMap params;                 // first value of each name, as the service reads it
  std::vector<std::string> undecodable;  // parameters whose %-escapes were malformed
  std::string format;                    // a key of the protocol's content_types
  std::optional<std::string> action;
  std::optional<std::string> version;
  std::optional<std::string> access_key_id;
  std::optional<std::string> timestamp;
  std::optional<std::string> nonce;
  std::optional<std::string> security_token;  // empty values count as absent
  std::optional<std::string> signature;       // V1 only
  std::optional<sign::v3::Authorization> authorization;
  std::string authorization_error;
  std::string host;  // Host header without the port
};

/// Reads the call; never fails: what is missing or malformed is left for the rules to judge.
IncomingCall read_call(const spec::Operation& op, const http::ReceivedRequest& request);

}  // namespace conform::mock
