// Idempotency: the same client token with the same parameters creates one thing and answers with
// the same identifier, whether repeated in sequence or concurrently.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/validate/response_check.h"
#include "suites/requests.h"
#include "suites/running_check.h"

namespace conform::suite {
namespace {

std::optional<std::string> identifier_path(const spec::Operation& op) {
  std::function<std::optional<std::string>(const std::vector<spec::Field>&, const std::string&)>
      find = [&](const std::vector<spec::Field>& fields,
                 const std::string& prefix) -> std::optional<std::string> {
    for (const auto& f : fields) {
      const std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
      if (f.identifies)
        return path;
      if (auto inner = find(f.fields, path))
        return inner;
    }
    return std::nullopt;
  };
  return find(op.response.fields, "");
}

std::optional<std::string> identifier_of(const spec::Operation& op, const CaseOutcome& c,
                                         const std::string& path) {
  if (c.judgement.verdict != report::Verdict::kPassed)
    return std::nullopt;
  validate::FieldValues values;
  validate::check_success(op, c.probe.format, observed_of(op, c.exchange), &values);
  auto it = values.find(path);
  return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
}

// How many records of a control API's listing carry the token; nullopt when the answer is no list.
std::optional<std::size_t> records_with_token(const http::Exchange& listing,
                                              const std::string& token) {
  if (listing.error || listing.status != 200)
    return std::nullopt;
  const auto list = nlohmann::json::parse(listing.response_body, nullptr, false);
  if (!list.is_array())
    return std::nullopt;
  std::size_t records = 0;
  for (const auto& r : list) {
    if (r.is_object() && r.contains("client_token") && r["client_token"] == token)
      ++records;
  }
  return records;
}

// What both checks need: the token parameter, the identifying field, a valid request with a
// token unique to this run. nullopt after skipping the check with the reason.
struct TokenRequest {
  Probe probe;
  std::string id_path;
};

std::optional<TokenRequest> token_request(RunningCheck& check, const std::string& suffix) {
  const auto& op = check.op();
  if (!op.idempotency) {
    check.skip("the spec documents no idempotency token");
    return std::nullopt;
  }
  const auto id_path = identifier_path(op);
  if (!id_path) {
    check.skip("the response has no field marked as identifying what was created");
    return std::nullopt;
  }
  const auto base = minimal_valid_params(check.session());
  if (!base.params) {
    check.skip(base.missing);
    return std::nullopt;
  }
  TokenRequest r{{}, *id_path};
  r.probe.params = *base.params;
  r.probe.params.push_back(
      {op.idempotency->token,
       "conform-" + std::to_string(RunContext::current().seed()) + "-" + suffix});
  return r;
}

TEST(idempotency, repeated_client_token_gives_one_result) {
  RunningCheck check("idempotency");
  const auto& op = check.op();
  const auto request = token_request(check, "repeat");
  if (!request)
    return;
  const auto& probe = request->probe;
  const auto* id_path = &request->id_path;
  const auto first =
      check.run_case("first call with a client token", probe, Expectation::success());
  const auto second = check.run_case("the same call repeated", probe, Expectation::success());
  const auto a = identifier_of(op, first, *id_path);
  const auto b = identifier_of(op, second, *id_path);
  if (!a || !b)
    return;
  CaseOutcome same;
  same.description = "both calls name the same " + *id_path;
  same.probe = probe;
  same.exchange = second.exchange;
  same.judgement.verdict = *a == *b ? report::Verdict::kPassed : report::Verdict::kFailed;
  same.judgement.message =
      *a == *b ? "same " + *id_path + " " + *a
               : "the repeat created another: " + *id_path + " " + *a + " then " + *b;
  check.add_case(std::move(same));
}

TEST(idempotency, concurrent_repeats_give_one_result) {
  RunningCheck check("idempotency");
  const auto& op = check.op();
  const auto request = token_request(check, "race");
  if (!request)
    return;
  const auto& probe = request->probe;
  const auto* id_path = &request->id_path;
  const auto exchanges = check.session().send_concurrently(probe, 8);
  std::set<std::string> ids;
  for (const auto& e : exchanges) {
    CaseOutcome c{"one of 8 concurrent calls with one client token", probe, Expectation::success(),
                  Judgement{}, e};
    c.judgement = judge(op, probe.format, c.expected, e);
    if (auto id = identifier_of(op, c, *id_path))
      ids.insert(*id);
    check.add_case(std::move(c));
  }
  CaseOutcome one{"the concurrent calls name one " + *id_path, probe, Expectation::success(),
                  Judgement{}, http::Exchange{}};
  one.judgement.verdict = ids.size() <= 1 ? report::Verdict::kPassed : report::Verdict::kFailed;
  one.judgement.message = std::to_string(ids.size()) + " distinct " + *id_path + " values";
  check.add_case(std::move(one));
  // A target with a control API (the embedded mock) can also show how many records were made,
  // not only what was answered. Only the token's records are asked for (a control API that
  // lists every record still works: the count looks at the token).
  const auto listing =
      check.session().fetch_control("records", {{"client_token", probe.params.back().value}});
  if (!listing)
    return;
  CaseOutcome made{"records created for the token", probe, Expectation::success(), Judgement{},
                   *listing};
  const auto records = records_with_token(*listing, probe.params.back().value);
  if (!records) {
    made.judgement.verdict = report::Verdict::kInconclusive;
    made.judgement.message =
        "the control API gave no record list (HTTP " + std::to_string(listing->status) + ")";
  } else {
    made.judgement.verdict = *records == 1 ? report::Verdict::kPassed : report::Verdict::kFailed;
    made.judgement.message = std::to_string(*records) + " records";
  }
  check.add_case(std::move(made));
}

}  // namespace
}  // namespace conform::suite
