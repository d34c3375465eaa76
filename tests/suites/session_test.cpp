// The billing guard and the order budget, checked on dry sessions so nothing leaves the machine.
#include "suites/session.h"

#include <gtest/gtest.h>

#include "core/spec/loader.h"
#include "suites/judge.h"
#include "suites/requests.h"
#include "tests/support/test_paths.h"

namespace conform::suite {
namespace {

std::shared_ptr<const spec::Operation> op() {
  static const auto loaded = spec::load_operation(conform::testing::source_path(
      "specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json"));
  return loaded;
}

Target remote(bool allow_billable = false) {
  Target t;
  t.endpoint = "https://vpc.example.test";
  t.region = "cn-hangzhou";
  t.resources = {{"circuit", "pc-1", "Complete", false, {}}};
  t.allow_billable = allow_billable;
  validate_target(t, *op());
  return t;
}

// Dry sessions sign but send nothing, so any key pair does.
client::Credentials unused_credentials() {
  return {"dry-run", "dry-run", std::nullopt, {}};
}

Probe charging_probe() {
  Probe p;
  p.scheme = client::SignatureVersion::kV1;
  p.method = "GET";
  p.params = {{"RegionId", "cn-hangzhou"}, {"PhysicalConnectionId", "pc-1"}, {"AutoPay", "true"}};
  return p;
}

// A real (not dry) session: the client's send gate sees the signed request. The endpoint is
// reached through a v4-mapped address, which the runner cannot tell is loopback; nothing listens.
Target unreachable_remote(bool allow_billable = false) {
  Target t = remote(allow_billable);
  t.endpoint = "http://[::ffff:127.0.0.1]:1";
  t.requests_per_second = 0;
  return t;
}

TEST(billing_guard, remote_endpoint_never_gets_a_charging_value_and_nothing_is_rewritten) {
  Session session(op(), unreachable_remote(), unused_credentials());
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"AutoPay", "true"}, {"AutoPay", "TRUE"}, {"autopay", "1"}, {"AUTOPAY", "yes"}}) {
    Probe p = charging_probe();
    p.params.back() = {name, value};
    for (const auto placement : {client::ParamsIn::kQuery, client::ParamsIn::kBody}) {
      p.placement = placement;
      p.method = placement == client::ParamsIn::kQuery ? "GET" : "POST";
      for (const auto scheme : {client::SignatureVersion::kV1, client::SignatureVersion::kV3}) {
        p.scheme = scheme;
        const auto e = session.send(p, true);
        ASSERT_TRUE(e.error) << name << "=" << value;
        EXPECT_EQ(e.error->kind, http::TransportErrorKind::kNotSent);
        EXPECT_NE(e.error->message.find("billing guard"), std::string::npos) << e.error->message;
        EXPECT_EQ(e.error->message.find("dry-run"), std::string::npos);  // never the secret
      }
    }
  }
  // The parameter sent twice, the safe value first: the second occurrence is refused.
  Probe twice = charging_probe();
  twice.params.back() = {"AutoPay", "false"};
  twice.params.push_back({"AutoPay", "true"});
  const auto e = session.send(twice, true);
  ASSERT_TRUE(e.error);
  EXPECT_NE(e.error->message.find("billing guard"), std::string::npos);
  EXPECT_EQ(session.refused_by_guard(), 17);
  // The safe value passes the guard (and then fails to connect).
  Probe safe = charging_probe();
  safe.params.back() = {"AutoPay", "false"};
  const auto sent = session.send(safe, true);
  ASSERT_TRUE(sent.error);
  EXPECT_EQ(sent.error->message.find("billing guard"), std::string::npos) << sent.error->message;
}

TEST(billing_guard, allow_billable_lets_the_value_through) {
  Session session(op(), unreachable_remote(true), unused_credentials());
  const auto e = session.send(charging_probe(), true);
  ASSERT_TRUE(e.error);
  EXPECT_EQ(e.error->message.find("billing guard"), std::string::npos) << e.error->message;
  EXPECT_FALSE(session.charge_rule());
}

TEST(billing_guard, loopback_endpoints_are_not_guarded) {
  Target t = remote();
  t.endpoint = "http://127.0.0.1:9";
  Session session(op(), t, unused_credentials(), true);
  EXPECT_NE(session.send(charging_probe(), true).url.find("AutoPay=true"), std::string::npos);
  EXPECT_FALSE(session.charge_rule());
}

TEST(order_budget, on_the_loopback_max_orders_stops_predicted_creations_only) {
  Target t = remote();
  t.endpoint = "http://127.0.0.1:9";
  t.max_orders = 2;
  Session session(op(), t, unused_credentials(), true);
  session.send(charging_probe(), true);
  session.send(charging_probe(), true);
  EXPECT_THROW(session.send(charging_probe(), true), OrderBudgetSpent);
  EXPECT_NO_THROW(session.send(charging_probe(), false));  // a predicted rejection creates nothing
  EXPECT_EQ(session.creating_requests_sent(), 2);
  EXPECT_EQ(session.requests_sent(), 3);
}

TEST(order_budget, on_a_remote_endpoint_every_request_may_order_and_the_gate_counts_attempts) {
  Target t = unreachable_remote();
  t.max_orders = 2;
  Session session(op(), t, unused_credentials());
  Probe safe = charging_probe();
  safe.params.back() = {"AutoPay", "false"};
  // Predicted rejections count too; whether refused connections are retried or not, the budget
  // is spent by the third send.
  session.send(safe, false);
  session.send(safe, false);
  const auto third = session.send(safe, false);
  ASSERT_TRUE(third.error);
  EXPECT_NE(third.error->message.find("order budget spent (--max-orders 2)"), std::string::npos)
      << third.error->message;
  EXPECT_EQ(session.admitted(), 2);
  EXPECT_TRUE(session.every_request_may_order());
  EXPECT_EQ(session.possible_orders(), 3);  // what the plan counts: every send
}

TEST(target, remote_endpoints_get_the_spec_quota_as_rate_limit) {
  const auto t = remote();
  EXPECT_DOUBLE_EQ(t.requests_per_second, 300.0 / 60.0);
  EXPECT_FALSE(t.is_local());
  Target mock;
  validate_target(mock, *op());
  EXPECT_DOUBLE_EQ(mock.requests_per_second, 0);
  EXPECT_TRUE(mock.is_local());
}

TEST(target, files_never_hold_secrets_and_errors_name_the_place) {
  conform::testing::ScratchDir dir("target");
  const auto path = dir.path("t.json");
  conform::testing::write_text(
      path, R"({"endpoint": "https://x.test", "credentials": {"access_key_secret": "abc"}})");
  try {
    load_target(path, *op());
    FAIL();
  } catch (const TargetError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  path + ":/credentials/access_key_secret: a target file never holds secrets"),
              std::string::npos)
        << e.what();
  }
  conform::testing::write_text(
      path,
      R"({"endpoint": "https://x.test", "resources": {"circuit": [{"id": "pc", "state": "Done"}]}})");
  EXPECT_THROW(load_target(path, *op()), TargetError);
  conform::testing::write_text(
      path, R"({"endpoint": "https://x.test", "divergences": [{"check": "x"}]})");
  EXPECT_THROW(load_target(path, *op()), TargetError);
}

TEST(requests, minimal_valid_params_come_from_the_spec_and_the_target) {
  Session session(op(), remote(), unused_credentials(), true);
  const auto m = minimal_valid_params(session);
  ASSERT_TRUE(m.params) << m.missing;
  EXPECT_EQ(*m.params,
            (sign::Params{{"RegionId", "cn-hangzhou"}, {"PhysicalConnectionId", "pc-1"}}));
  Target t = remote();
  t.resources = {{"circuit", "pc-2", "Enabled", false, {}},
                 {"region", "cn-hangzhou", "", false, {}}};
  Session lacking(op(), t, unused_credentials(), true);
  EXPECT_EQ(minimal_valid_params(lacking).missing,
            "the target names no circuit in state Complete for PhysicalConnectionId");
}

TEST(judge, transient_answers_are_inconclusive_and_5xx_fail) {
  http::Exchange e;
  e.status = 400;
  e.response_headers = {{"Content-Type", "application/json;charset=utf-8"}};
  e.response_body =
      R"({"RequestId":"9B9300FE-11E2-4E3B-949C-BED3B44DD26D","HostId":"h","Code":"Throttling","Message":"m"})";
  EXPECT_EQ(judge(*op(), "JSON", Expectation::success(), e).verdict,
            report::Verdict::kInconclusive);
  e.status = 500;
  e.response_body =
      R"({"RequestId":"9B9300FE-11E2-4E3B-949C-BED3B44DD26D","HostId":"h","Code":"Oops","Message":"m"})";
  EXPECT_EQ(judge(*op(), "JSON", Expectation::unsettled(), e).verdict, report::Verdict::kFailed);
  e.error = http::TransportError{http::TransportErrorKind::kConnectFailed, "refused"};
  EXPECT_EQ(judge(*op(), "JSON", Expectation::success(), e).verdict,
            report::Verdict::kInconclusive);
  e.error = http::TransportError{http::TransportErrorKind::kBodyIncomplete, "cut"};
  EXPECT_EQ(judge(*op(), "JSON", Expectation::success(), e).verdict, report::Verdict::kFailed);
}

}  // namespace
}  // namespace conform::suite
