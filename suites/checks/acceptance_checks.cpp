// Valid requests are accepted with a well-formed body: in every signing style and method, with
// every enum value and boundary, and as random valid cases (RapidCheck properties whose failures
// shrink to the smallest request, re-signed every time).
#include <gtest/gtest.h>

#include "generators/random_cases.h"
#include "generators/systematic.h"
#include "suites/case_adapter.h"
#include "suites/generated_cases.h"
#include "suites/requests.h"
#include "suites/running_check.h"

namespace conform::suite {
namespace {

TEST(acceptance, minimal_valid_request_in_every_style) {
  RunningCheck check("response");
  const auto base = minimal_valid_params(check.session());
  if (!base.params)
    return check.skip(base.missing);
  for (auto probe : every_style(check.op())) {
    probe.params = *base.params;
    for (const auto& format : check.op().transport.formats) {
      // Only V1 has a format parameter; see probe_for_format.
      if (format != "JSON" && probe.scheme != client::SignatureVersion::kV1)
        continue;
      probe.format = format;
      check.run_case("minimal valid request, " + describe_style(probe), probe,
                     Expectation::success());
    }
  }
}

TEST(acceptance, every_optional_parameter_at_its_example) {
  RunningCheck check("parameters");
  const auto base = minimal_valid_params(check.session());
  if (!base.params)
    return check.skip(base.missing);
  Probe probe;
  probe.params = *base.params;
  for (const auto& p : check.op().parameters) {
    if (p.required || p.hidden || !p.example)
      continue;
    probe.params.push_back({p.name, *p.example});
  }
  check.run_case("every documented optional parameter at its example", probe,
                 Expectation::success());
}

TEST(acceptance, every_enum_value_and_boundary) {
  RunningCheck check("parameters");
  const auto fixtures = fixtures_of(check.session());
  run_set(check, gen::valid_cases(check.op(), fixtures));
}

TEST(acceptance, random_valid_requests) {
  RunningCheck check("parameters");
  const auto op = RunContext::current().session().shared_op();
  try {
    property(check, gen::valid_case(op, fixtures_of(check.session())),
             check.session().target().valid_cases, not_failed);
  } catch (const std::invalid_argument& e) {
    check.skip(e.what());
  }
}

}  // namespace
}  // namespace conform::suite
