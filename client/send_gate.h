#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "client/request.h"

namespace conform::client {

/// A parameter that makes a request charge the account, and the values that do not.
struct ChargeRule {
  std::string parameter;
  std::vector<std::string> safe_values;
};

/// The first occurrence of the rule's parameter in the query or the form body of `request` whose
/// value is not a safe one, as "name=value"; nullopt when there is none. Names match exactly and
/// case-insensitively (a lenient server may read either); values match exactly, so TRUE, 1 or yes
/// are refused like the charging value itself. A form body that cannot be decoded is refused too.
std::optional<std::string> charging_occurrence(const Request& request, const ChargeRule& rule);

/// What may leave the client, decided on the final signed request of every attempt, retries
/// included: the last point before bytes are written. Shared by every transport of a run.
struct SendLimits {
  std::optional<ChargeRule> charge;  // set when the target may bill and billing is not allowed
  std::optional<long> max_requests;
  std::optional<long> max_orders;
  // Against an endpoint that may bill, any request it accepts may create an order, whatever the
  // contract predicts: then every request counts against max_orders.
  bool every_request_may_order = false;
};

class SendGate {
 public:
  explicit SendGate(SendLimits limits) : limits_(std::move(limits)) {}

  /// Why the request must not be sent ("" never); nullopt admits it and counts it.
  std::optional<std::string> admit(const Request& request);

  long admitted() const;
  long refused_by_guard() const;
  long refused_by_budget() const;
  const SendLimits& limits() const { return limits_; }

 private:
  SendLimits limits_;
  mutable std::mutex mutex_;
  long admitted_ = 0;
  long refused_guard_ = 0;
  long refused_budget_ = 0;
};

}  // namespace conform::client
