#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/sign/params.h"
#include "core/spec/model.h"
#include "suites/probe.h"
#include "suites/session.h"

// Requests the checks start from, made from the spec and the target's resources alone.
namespace conform::suite {

/// The states that pass every state rule on a resource ("" for resources without states).
std::vector<std::string> passing_states(const spec::Operation& op, const std::string& resource);

/// A resource ID of the target that passes every exists and state rule, or nullopt.
std::optional<std::string> passing_resource_id(const Session& session, const std::string& resource);

/// The smallest valid parameter set: every required parameter, with a passing resource ID where a
/// rule says it names a resource, else its documented example, else the generators' first valid
/// value (a list's in its wire keys). nullopt (with the reason) when the target lacks a resource
/// for it or no value is known to be valid.
struct MinimalRequest {
  std::optional<sign::Params> params;
  std::string missing;  // why no request could be made
};
MinimalRequest minimal_valid_params(const Session& session);

/// Every signing style the spec's transport allows: methods x signature schemes x placements.
std::vector<Probe> every_style(const spec::Operation& op);

/// A probe asking for a response format. Only signature V1 has a format parameter (V3 moves the
/// protocol parameters into headers and has none), so other formats than JSON are asked with V1.
Probe probe_for_format(const spec::Operation& op, const std::string& format);

/// The client's name for a spec signature scheme.
client::SignatureVersion client_scheme(spec::SignatureScheme scheme);

}  // namespace conform::suite
