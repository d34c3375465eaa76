// The success shape holds in JSON and in XML, and the two formats carry the same fields.
#include <gtest/gtest.h>
#include <strings.h>

#include <map>
#include <set>

#include "core/validate/response_check.h"
#include "suites/requests.h"
#include "suites/running_check.h"

namespace conform::suite {
namespace {

validate::FieldValues fields_of(const spec::Operation& op, const std::string& format,
                                const http::Exchange& e) {
  validate::FieldValues values;
  validate::check_success(op, format, observed_of(op, e), &values);
  return values;
}

TEST(shape, json_and_xml_carry_the_same_fields) {
  RunningCheck check("response");
  const auto& op = check.op();
  if (op.transport.formats.size() < 2)
    return check.skip("the spec documents one response format");
  const auto base = minimal_valid_params(check.session());
  if (!base.params)
    return check.skip(base.missing);
  std::map<std::string, std::set<std::string>> fields_by_format;
  for (const auto& format : op.transport.formats) {
    Probe probe = probe_for_format(op, format);
    probe.params = *base.params;
    const auto c = check.run_case("valid request in " + format, probe, Expectation::success());
    if (c.judgement.verdict != report::Verdict::kPassed)
      continue;
    for (const auto& [path, _] : fields_of(op, format, c.exchange)) {
      fields_by_format[format].insert(path);
    }
  }
  if (fields_by_format.size() == 2) {
    const auto& a = fields_by_format.begin()->second;
    const auto& b = fields_by_format.rbegin()->second;
    CaseOutcome agreement;
    agreement.description = "the formats carry the same fields";
    agreement.judgement.verdict = a == b ? report::Verdict::kPassed : report::Verdict::kFailed;
    std::string diff;
    for (const auto& f : a) {
      if (!b.count(f))
        diff += " " + f + " only in " + fields_by_format.begin()->first + ";";
    }
    for (const auto& f : b) {
      if (!a.count(f))
        diff += " " + f + " only in " + fields_by_format.rbegin()->first + ";";
    }
    agreement.judgement.message = a == b ? "same fields" : "the formats differ:" + diff;
    check.add_case(std::move(agreement));
  }
}

}  // namespace
}  // namespace conform::suite
