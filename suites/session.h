#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/credentials.h"
#include "client/send_gate.h"
#include "client/transport.h"
#include "core/http/exchange.h"
#include "core/spec/model.h"
#include "suites/probe.h"
#include "suites/send_thread.h"
#include "suites/target.h"

namespace conform::suite {

/// Thrown when a probe is not sent because the run's order budget (--max-orders) is spent.
struct OrderBudgetSpent : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The run's connection to its target: the spec, the endpoint (the embedded mock, started by the
/// app, or a remote URL; both the same here), credentials, a transport with the target's rate
/// limit and retries, and the billing guard. One per run; used from one thread at a time (a check
/// may hand a batch to another thread and wait for it: send_plans_async).
class Session {
 public:
  /// A dry session sends nothing: it counts what would be sent and answers every probe with a
  /// "not sent" transport error, so a run can print its plan first.
  Session(std::shared_ptr<const spec::Operation> op, Target target, client::Credentials credentials,
          bool dry_run = false);
  ~Session();

  const spec::Operation& op() const { return *op_; }
  std::shared_ptr<const spec::Operation> shared_op() const { return op_; }
  const Target& target() const { return target_; }
  std::string endpoint() const;

  /// The target's resources of a kind in a state ("" matches resources without states).
  std::vector<std::string> resource_ids(const std::string& resource,
                                        const std::string& state) const;
  /// Resources the user said are in some other state than the passing one.
  std::vector<std::string> other_state_ids(const std::string& resource) const;

  /// Signs and sends one probe. `creates` says whether the contract predicts success. On the
  /// loopback those count against --max-orders; on an endpoint that may bill every request
  /// counts, since the endpoint may accept anything. There the client's send gate also refuses,
  /// on the final signed request, any occurrence of the charge parameter with a value the spec
  /// does not call safe, unless the target allows billing. Nothing is rewritten.
  http::Exchange send(const Probe& probe, bool creates);

  /// The charge parameter and its safe values when the guard is on for this target.
  const std::optional<client::ChargeRule>& charge_rule() const { return limits_.charge; }
  /// Whether every request to this target may create an order (a billable operation on an
  /// endpoint that is not loopback).
  bool every_request_may_order() const { return limits_.every_request_may_order; }
  /// Requests the run may send that may create an order, so far.
  int possible_orders() const {
    return limits_.every_request_may_order ? requests_sent_ : creating_sent_;
  }
  /// What the send gate let through and held back (zero for a dry session).
  long admitted() const { return gate_ ? gate_->admitted() : 0; }
  long refused_by_guard() const { return gate_ ? gate_->refused_by_guard() : 0; }
  long refused_by_budget() const { return gate_ ? gate_->refused_by_budget() : 0; }

  /// Cases the run keeps in flight: the target's --in-flight, but one on a dry session and where
  /// a budget (--max-orders, --max-requests) is set, so that a budget is spent exactly as it would
  /// be case after case.
  int in_flight() const;

  /// One request of a batch: the probe, whether the contract predicts success, and the nonce it
  /// repeats when it is a reused-nonce probe.
  struct Outgoing {
    const Probe* probe = nullptr;
    bool creates = false;
    std::optional<std::string> reused_nonce;
  };
  struct Answered {
    http::Exchange exchange;
    std::string nonce;  // the nonce of its last attempt, for a later reused-nonce probe
  };
  /// Sends independent requests with up to in_flight() at once, each signed at send time;
  /// answers in input order. Budgets are not checked here: in_flight() is 1 where one is set.
  std::vector<Answered> send_batch(const std::vector<Outgoing>& batch);

  /// Sends the same probe `copies` times at once (each freshly signed), for races.
  std::vector<http::Exchange> send_concurrently(const Probe& probe, int copies);

  /// Requests sent so far, and those the contract predicted would create something.
  int requests_sent() const { return requests_sent_; }
  int creating_requests_sent() const { return creating_sent_; }

  /// GET `what` under the target's control API (unsigned, not counted as a request); nullopt when
  /// the target offers none or the session is dry.
  std::optional<http::Exchange> fetch_control(const std::string& what, sign::Params query = {});

  /// Once `reason` answers non-empty (e.g. "SIGINT"), nothing more is sent: requests in flight
  /// are abandoned and every later probe comes back not sent, naming the reason.
  void set_stop(std::function<std::string()> reason) { stop_ = std::move(reason); }
  std::string stop_reason() const { return stop_ ? stop_() : std::string(); }

  /// Why the breaker holds every request back ("" while it is closed): the endpoint failed at the
  /// transport level so many times in a row that more requests would only repeat the fault.
  const std::string& breaker() const { return breaker_; }

  /// The thread a check's batches are sent on while it draws and judges others (started on first
  /// use, so a run with one case in flight never has one).
  SendThread& send_thread();

  /// Secrets the reports must never contain.
  std::vector<std::string> secrets() const;

 private:
  client::Request build(const Probe& probe);
  client::Request build(const Probe& probe, const std::optional<std::string>& reused_nonce,
                        std::string& nonce) const;

  std::shared_ptr<const spec::Operation> op_;
  Target target_;
  client::Endpoint endpoint_;  // parsed once, not for every request
  client::Credentials credentials_;
  client::SendLimits limits_;
  std::shared_ptr<client::SendGate> gate_;
  std::unique_ptr<client::Transport> transport_;
  std::optional<std::string> last_nonce_;
  int requests_sent_ = 0;
  int creating_sent_ = 0;
  bool dry_run_ = false;
  http::Exchange held_back(const Probe& probe);
  void note_outcome(const http::Exchange& exchange);

  int consecutive_failures_ = 0;  // exchanges in a row that ended in a transport error
  std::string breaker_;
  std::function<std::string()> stop_;
  std::unique_ptr<SendThread> send_thread_;  // last: joined before the transport it uses goes
};

}  // namespace conform::suite
