#pragma once

#include <optional>
#include <string>

#include "client/credentials.h"
#include "client/request.h"
#include "client/request_builder.h"
#include "core/spec/model.h"
#include "suites/probe.h"

namespace conform::suite {

struct SignedProbe {
  client::Request request;
  std::string nonce;  // the nonce the request carries, for a later reused-nonce probe
};

/// Signs a probe for `endpoint` with its tamper applied. A reused-nonce probe repeats
/// `reused_nonce`. Shared by the session and the soak (bench/), so both break a request the same
/// way the generators' oracle predicts.
SignedProbe sign_probe(const spec::Operation& op, const client::Endpoint& endpoint,
                       client::Credentials credentials, const Probe& probe,
                       const std::optional<std::string>& reused_nonce);

}  // namespace conform::suite
