// The send gate on its own: which signed requests carry a charging value, and the budgets.
#include "client/send_gate.h"

#include <gtest/gtest.h>

namespace conform::client {
namespace {

const ChargeRule kRule{"Pay", {"no", "off"}};

Request with(sign::Params query, std::string body = "") {
  Request r;
  r.query = std::move(query);
  r.body = std::move(body);
  if (!r.body.empty())
    r.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
  return r;
}

TEST(send_gate, every_occurrence_in_query_and_body_is_checked_names_in_any_case) {
  EXPECT_FALSE(charging_occurrence(with({{"A", "1"}, {"Pay", "no"}}), kRule));
  EXPECT_FALSE(charging_occurrence(with({{"Pay", "off"}}, "A=1&pay=no"), kRule));
  EXPECT_EQ(charging_occurrence(with({{"Pay", "no"}, {"Pay", "yes"}}), kRule), "Pay=yes");
  EXPECT_EQ(charging_occurrence(with({{"pAY", "No"}}), kRule), "pAY=No");  // values are exact
  EXPECT_EQ(charging_occurrence(with({}, "Pay=no&PAY=TRUE"), kRule), "PAY=TRUE");
  EXPECT_EQ(charging_occurrence(with({}, "A=%41&Pay=%31"), kRule), "Pay=1");
  EXPECT_EQ(charging_occurrence(with({}, "Pay=no&x=%zz"), kRule),
            "a form body that cannot be decoded");
  EXPECT_FALSE(charging_occurrence(with({{"Payment", "yes"}}), kRule));  // another name
}

TEST(send_gate, budgets_count_admitted_attempts_and_name_the_flag) {
  SendGate gate({kRule, 5, 2, true});
  EXPECT_FALSE(gate.admit(with({{"Pay", "no"}})));
  EXPECT_TRUE(gate.admit(with({{"Pay", "on"}})));  // the guard refuses; nothing is counted
  EXPECT_FALSE(gate.admit(with({})));
  const auto refused = gate.admit(with({}));
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("--max-orders 2"), std::string::npos) << *refused;
  EXPECT_EQ(gate.admitted(), 2);
  EXPECT_EQ(gate.refused_by_guard(), 1);
  EXPECT_EQ(gate.refused_by_budget(), 1);

  SendGate requests({std::nullopt, 1, std::nullopt, false});
  EXPECT_FALSE(requests.admit(with({{"Pay", "yes"}})));  // no rule: billing allowed
  const auto spent = requests.admit(with({}));
  ASSERT_TRUE(spent);
  EXPECT_NE(spent->find("--max-requests 1"), std::string::npos);
}

}  // namespace
}  // namespace conform::client
