#include "generators/envelope.h"

#include <algorithm>

#include "core/spec/styled_wire.h"

namespace conform::gen {
namespace {

bool allows(const spec::Parameter* p, spec::Location where) {
  return !p || std::find(p->locations.begin(), p->locations.end(), where) != p->locations.end();
}

spec::Location other(spec::Location where) {
  return where == spec::Location::kQuery ? spec::Location::kBody : spec::Location::kQuery;
}

void place(const spec::Operation& op, const Envelope& e, std::vector<Param>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    spec::Location want = spec::Location::kQuery;
    if (e.method == Method::kPost) {
      if (e.placement == Placement::kBody || (e.placement == Placement::kSplit && i % 2 == 1))
        want = spec::Location::kBody;
    }
    const auto* p = spec::owner_of(op, params[i].name);
    const bool body_possible = e.method == Method::kPost;
    if (!allows(p, want) && (body_possible || want == spec::Location::kBody))
      want = other(want);
    params[i].location = want;
    params[i].secret = p && p->secret;
  }
}

}  // namespace

std::vector<Envelope> envelopes(const spec::Operation& op) {
  const bool all_in_query = std::all_of(op.parameters.begin(), op.parameters.end(),
                                        [](auto& p) { return allows(&p, spec::Location::kQuery); });
  std::vector<Envelope> out;
  for (const auto& m : op.transport.methods) {
    const Method method = m == "GET" ? Method::kGet : Method::kPost;
    if (m != "GET" && m != "POST")
      continue;
    if (method == Method::kGet && !all_in_query)
      continue;
    std::vector<Placement> placements = {Placement::kQuery};
    if (method == Method::kPost)
      placements = {Placement::kQuery, Placement::kBody, Placement::kSplit};
    for (Placement placement : placements) {
      for (auto scheme : op.transport.signatures) {
        for (const auto& f : op.transport.formats) {
          if (f != "JSON" && f != "XML")
            continue;
          // A format other than the default is asked with the protocol's format parameter, which
          // only some signature schemes carry (V3 moves protocol parameters into headers).
          const auto* format_param = op.find_parameter(op.protocol.format_parameter);
          if (format_param && format_param->default_value != f &&
              std::find(format_param->signatures.begin(), format_param->signatures.end(), scheme) ==
                  format_param->signatures.end())
            continue;
          out.push_back({method, placement, scheme,
                         f == "JSON" ? ResponseFormat::kJson : ResponseFormat::kXml});
        }
      }
    }
  }
  return out;
}

void apply_envelope(const spec::Operation& op, const Envelope& envelope, Case& c) {
  c.method = envelope.method;
  c.placement = envelope.placement;
  c.signature = envelope.signature;
  c.format = envelope.format;
  place(op, envelope, c.params);
  place(op, envelope, c.reuse_params);
}

}  // namespace conform::gen
