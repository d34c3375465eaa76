#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/spec/model.h"
#include "mock/incoming_call.h"
#include "mock/key_store.h"
#include "mock/state.h"

namespace conform::mock {

/// What a protocol rule needs besides the call: the key pairs, the state (nonces, quota), the
/// clock, and whether authentication is on.
struct ProtocolContext {
  const spec::Operation& op;
  const KeyStore& keys;
  MockState& state;
  Clock::time_point now;
  bool authenticate = true;
  bool enforce_quota = false;
  const http::ReceivedRequest& request;
};

/// The breach of a protocol rule (auth, action, version, rate), with the parameter it concerns
/// when there is one (to fill a Missing{param} code). nullopt when the rule holds.
struct ProtocolBreach {
  std::string detail;
  std::string subject;
};

/// Decides the protocol checks for a call. Parameter, resource and service checks are not
/// protocol checks and always hold here.
std::optional<ProtocolBreach> check_protocol_rule(const spec::Rule& rule, const IncomingCall& call,
                                                  const ProtocolContext& context);

/// Seconds since the epoch of a yyyy-MM-ddTHH:mm:ssZ time, or nullopt when it is not one. In
/// seconds because Clock's nanoseconds end in 2262 and the format goes to 9999.
std::optional<std::chrono::sys_seconds> parse_utc_timestamp(const std::string& text);

}  // namespace conform::mock
