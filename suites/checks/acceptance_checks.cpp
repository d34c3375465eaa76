// Valid requests are accepted with a well-formed body, in every signing style and method.
#include <gtest/gtest.h>

#include "suites/requests.h"
#include "suites/run_state.h"

namespace conform::suite {
namespace {

TEST(acceptance, minimal_valid_request_in_every_style) {
  Check check("acceptance", "minimal_valid_request_in_every_style", check_spec_ref("response"));
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
  Check check("acceptance", "every_optional_parameter_at_its_example",
              check_spec_ref("parameters"));
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

}  // namespace
}  // namespace conform::suite
