#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mock/service.h"

namespace conform::mock {

/// One operation the endpoint serves, with its starting resources and faults.
struct ServedOperation {
  std::shared_ptr<const spec::Operation> op;
  InitialResources fixtures;
  Faults faults;
};

/// The endpoint's entry: one MockService per operation behind one address. A call goes to the
/// operation its Action names (of its Version when several versions of an action are served). A
/// call naming no served action goes to the first operation, whose common protocol rules answer
/// it as the service would (action-present, action-known: the common spec's documented codes), so
/// the router itself invents no answer. The keys, the clock and the nonce memory are shared; the
/// resources, created records, quota window and faults are each operation's own.
///
/// The control API: /__conform/operations/<Action>/<path> is that operation's /__conform/<path>;
/// GET /__conform/operations lists them. The plain /__conform/<path> is the sole operation's when
/// there is one; with several, health answers and reset resets every operation, the rest name the
/// per-operation form.
class MockRouter {
 public:
  /// Throws std::invalid_argument when `served` is empty or names an action and version twice.
  MockRouter(std::vector<ServedOperation> served, const KeyStore& keys, ServiceOptions options);

  http::Response handle(const http::ReceivedRequest& request);

  /// The first operation's service (by action, then version): the sole one of a one-operation mock.
  MockService& first() { return *services_.front(); }
  /// The service of an action (its first version), or null.
  MockService* find(const std::string& action);
  const std::vector<std::unique_ptr<MockService>>& services() const { return services_; }

  static constexpr std::string_view kOperationsPath = "operations";

 private:
  MockService& route(const http::ReceivedRequest& request);
  http::Response control(const http::ReceivedRequest& request);

  std::vector<std::unique_ptr<MockService>> services_;  // sorted by action, then version
  std::map<std::string, std::vector<MockService*>> by_action_;
  bool control_api_ = false;
};

}  // namespace conform::mock
