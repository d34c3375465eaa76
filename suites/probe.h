#pragma once

#include <optional>
#include <string>

#include "client/request_builder.h"
#include "core/sign/params.h"
#include "generators/case.h"

namespace conform::suite {

/// The protocol-level break applied at signing time; the generators define the kinds.
using Tamper = gen::Tamper;

/// How one request is sent: the operation parameters (unsigned), the signing style and any
/// tampering. The session signs it at send time, so every attempt and every shrink candidate
/// carries a fresh, correct signature.
struct Probe {
  std::string method = "POST";
  client::ParamsIn placement = client::ParamsIn::kQuery;
  client::SignatureVersion scheme = client::SignatureVersion::kV3;
  std::string format = "JSON";
  sign::Params params;
  Tamper tamper = Tamper::kNone;
};

/// "V3 POST query JSON" and the like, for messages.
std::string describe_style(const Probe& probe);

}  // namespace conform::suite
