#include "suites/case_adapter.h"

namespace conform::suite {

gen::Fixtures fixtures_of(const Session& session) {
  gen::Fixtures f;
  for (const auto& r : session.target().resources) {
    auto& fixture = f.resources[r.resource];
    if (!r.fails.empty()) {
      for (const auto& rule : r.fails)
        fixture.failing[rule].push_back(r.id);
    } else if (r.other_state || r.state.empty()) {
      fixture.ids.push_back(r.id);
    } else {
      fixture.by_state[r.state].push_back(r.id);
    }
  }
  return f;
}

Probe to_probe(const gen::Case& c) {
  Probe p;
  p.method = c.method == gen::Method::kGet ? "GET" : "POST";
  p.placement = c.placement == gen::Placement::kQuery  ? client::ParamsIn::kQuery
                : c.placement == gen::Placement::kBody ? client::ParamsIn::kBody
                                                       : client::ParamsIn::kSplit;
  p.scheme = c.signature == spec::SignatureScheme::kV1 ? client::SignatureVersion::kV1
                                                       : client::SignatureVersion::kV3;
  p.format = c.format == gen::ResponseFormat::kXml ? "XML" : "JSON";
  for (const auto& param : c.params)
    p.params.push_back({param.name, param.value});
  p.tamper = c.tamper;
  return p;
}

Expectation expectation_of(const gen::Case& c) {
  switch (c.kind) {
    case gen::CaseKind::kValid:
      return Expectation::success();
    case gen::CaseKind::kInvalid:
      return {Expectation::Kind::kRejection, c.rule_id, c.accepted, c.settled, c.rejection_settled};
    case gen::CaseKind::kObservation:
      return Expectation::unsettled();
  }
  return Expectation::unsettled();
}

}  // namespace conform::suite
