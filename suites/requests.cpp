#include "suites/requests.h"

#include <algorithm>

#include "generators/styled_values.h"
#include "generators/values.h"
#include "suites/case_adapter.h"

namespace conform::suite {

std::vector<std::string> passing_states(const spec::Operation& op, const std::string& resource) {
  const auto* res = op.find_resource(resource);
  if (!res || res->states.empty())
    return {""};
  std::vector<std::string> out;
  for (const auto& s : res->states) {
    const bool passes = std::all_of(op.rules.begin(), op.rules.end(), [&](const spec::Rule& r) {
      return r.check != spec::Check::kState || r.resource != resource ||
             std::find(r.states.begin(), r.states.end(), s.name) != r.states.end();
    });
    if (passes)
      out.push_back(s.name);
  }
  return out;
}

std::optional<std::string> passing_resource_id(const Session& session,
                                               const std::string& resource) {
  for (const auto& state : passing_states(session.op(), resource)) {
    const auto ids = session.resource_ids(resource, state);
    if (!ids.empty())
      return ids.front();
  }
  return std::nullopt;
}

MinimalRequest minimal_valid_params(const Session& session) {
  const auto& op = session.op();
  sign::Params params;
  for (const auto& p : op.parameters) {
    if (!p.required)
      continue;
    const auto rule = std::find_if(op.rules.begin(), op.rules.end(), [&](const spec::Rule& r) {
      return r.check == spec::Check::kExists && r.param == p.name;
    });
    if (rule != op.rules.end()) {
      const auto id = passing_resource_id(session, rule->resource);
      if (!id) {
        std::string states;
        for (const auto& s : passing_states(op, rule->resource))
          states += (states.empty() ? "" : "|") + s;
        return {std::nullopt, "the target names no " + rule->resource +
                                  (states.empty() ? "" : " in state " + states) + " for " + p.name};
      }
      params.push_back({p.name, *id});
    } else if (p.example && !p.style) {
      params.push_back({p.name, *p.example});
    } else if (p.default_value && !p.style) {
      params.push_back({p.name, *p.default_value});
    } else {
      // Nothing documented to copy (or a list, which has no one example): the generators' first
      // valid value, one every reading of the sources accepts, in its wire form.
      spec::ParamMap context;
      for (const auto& sent : params)
        context.emplace(sent.name, sent.value);
      std::string why;
      const auto values = gen::valid_values(op, fixtures_of(session), p, context, &why);
      if (values.empty())
        return {std::nullopt, "no valid value for required parameter " + p.name + ": " + why};
      for (auto& wire : gen::wire_params(op, p.name, values.front()))
        params.push_back({std::move(wire.name), std::move(wire.value)});
    }
  }
  return {params, ""};
}

Probe probe_for_format(const spec::Operation& op, const std::string& format) {
  Probe p;
  p.format = format;
  const bool has_v1 = std::find(op.transport.signatures.begin(), op.transport.signatures.end(),
                                spec::SignatureScheme::kV1) != op.transport.signatures.end();
  if (format != "JSON" && has_v1)
    p.scheme = client::SignatureVersion::kV1;
  return p;
}

client::SignatureVersion client_scheme(spec::SignatureScheme scheme) {
  return scheme == spec::SignatureScheme::kV1 ? client::SignatureVersion::kV1
                                              : client::SignatureVersion::kV3;
}

std::vector<Probe> every_style(const spec::Operation& op) {
  std::vector<Probe> out;
  for (const auto& method : op.transport.methods) {
    for (const auto scheme : op.transport.signatures) {
      std::vector<client::ParamsIn> placements{client::ParamsIn::kQuery};
      if (method == "POST") {
        placements.push_back(client::ParamsIn::kBody);
        if (scheme == spec::SignatureScheme::kV1)
          placements.push_back(client::ParamsIn::kSplit);
      }
      for (const auto placement : placements) {
        Probe p;
        p.method = method;
        p.scheme = client_scheme(scheme);
        p.placement = placement;
        out.push_back(p);
      }
    }
  }
  return out;
}

}  // namespace conform::suite
