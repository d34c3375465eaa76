#include "client/send_gate.h"

#include <algorithm>

#include "core/http/exchange.h"
#include "core/sign/percent.h"
#include "core/text/ascii.h"

namespace conform::client {
namespace {

std::optional<std::string> first_unsafe(const sign::Params& params, const ChargeRule& rule) {
  for (const auto& p : params) {
    if (p.name != rule.parameter && !text::iequals(p.name, rule.parameter))
      continue;
    if (std::find(rule.safe_values.begin(), rule.safe_values.end(), p.value) ==
        rule.safe_values.end())
      return p.name + "=" + p.value;
  }
  return std::nullopt;
}

bool is_form(const Request& r) {
  const auto type = http::find_header(r.headers, "content-type");
  return type && type->starts_with("application/x-www-form-urlencoded");
}

}  // namespace

std::optional<std::string> charging_occurrence(const Request& request, const ChargeRule& rule) {
  if (auto found = first_unsafe(request.query, rule))
    return found;
  if (request.body.empty())
    return std::nullopt;
  // A body of another type is still read as a form: a lenient server might.
  const auto parsed = sign::parse_params(request.body, sign::PlusIs::kSpace);
  if (!parsed.ok())
    return is_form(request) ? std::optional<std::string>("a form body that cannot be decoded")
                            : std::nullopt;
  return first_unsafe(parsed.params, rule);
}

std::optional<std::string> SendGate::admit(const Request& request) {
  std::lock_guard lock(mutex_);
  if (limits_.charge) {
    if (const auto found = charging_occurrence(request, *limits_.charge)) {
      ++refused_guard_;
      return "billing guard: the request carries " + *found + " (only " +
             limits_.charge->parameter + "=" +
             (limits_.charge->safe_values.empty() ? "" : limits_.charge->safe_values.front()) +
             " is sent to an endpoint that is not loopback without --allow-billable)";
    }
  }
  if (limits_.max_requests && admitted_ >= *limits_.max_requests) {
    ++refused_budget_;
    return "request budget spent (--max-requests " + std::to_string(*limits_.max_requests) + ")";
  }
  if (limits_.every_request_may_order && limits_.max_orders && admitted_ >= *limits_.max_orders) {
    ++refused_budget_;
    return "order budget spent (--max-orders " + std::to_string(*limits_.max_orders) +
           "): every request to this endpoint may create an order";
  }
  ++admitted_;
  return std::nullopt;
}

long SendGate::admitted() const {
  std::lock_guard lock(mutex_);
  return admitted_;
}
long SendGate::refused_by_guard() const {
  std::lock_guard lock(mutex_);
  return refused_guard_;
}
long SendGate::refused_by_budget() const {
  std::lock_guard lock(mutex_);
  return refused_budget_;
}

}  // namespace conform::client
