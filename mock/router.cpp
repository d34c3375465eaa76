#include "mock/router.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "mock/incoming_call.h"

namespace conform::mock {
namespace {

http::Response json_text(int status, const std::string& body) {
  http::Response r;
  r.status = status;
  r.headers.push_back({"Content-Type", "application/json;charset=utf-8"});
  r.body = body;
  return r;
}

// Action names are identifiers; quoting them needs no escaping beyond what they never contain.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

MockRouter::MockRouter(std::vector<ServedOperation> served, const KeyStore& keys,
                       ServiceOptions options)
    : control_api_(options.control_api) {
  if (served.empty())
    throw std::invalid_argument("the mock needs at least one operation to serve");
  std::sort(served.begin(), served.end(), [](const ServedOperation& a, const ServedOperation& b) {
    return std::tie(a.op->action, a.op->version) < std::tie(b.op->action, b.op->version);
  });
  if (!options.nonces)
    options.nonces = std::make_shared<NonceMemory>();
  for (auto& s : served) {
    auto& versions = by_action_[s.op->action];
    for (const auto* other : versions) {
      if (other->operation().version == s.op->version) {
        throw std::invalid_argument("two specs for " + s.op->action + " " + s.op->version + ": " +
                                    other->operation().file + " and " + s.op->file);
      }
    }
    ServiceOptions own = options;
    own.faults = std::move(s.faults);
    services_.push_back(
        std::make_unique<MockService>(s.op, std::move(s.fixtures), keys, std::move(own)));
    versions.push_back(services_.back().get());
  }
}

MockService* MockRouter::find(const std::string& action) {
  const auto it = by_action_.find(action);
  return it == by_action_.end() ? nullptr : it->second.front();
}

MockService& MockRouter::route(const http::ReceivedRequest& request) {
  if (services_.size() == 1)
    return *services_.front();
  // Every operation reads the protocol from the same common spec: any one can read the call.
  const IncomingCall call = read_call(services_.front()->operation(), request);
  if (!call.action)
    return *services_.front();
  const auto it = by_action_.find(*call.action);
  if (it == by_action_.end())
    return *services_.front();
  for (auto* service : it->second) {
    if (call.version && service->operation().version == *call.version)
      return *service;
  }
  return *it->second.front();  // its version-known rule answers a version it does not serve
}

http::Response MockRouter::handle(const http::ReceivedRequest& request) {
  if (control_api_ && request.path.rfind(MockService::kControlPrefix, 0) == 0)
    return control(request);
  return route(request).handle(request);
}

http::Response MockRouter::control(const http::ReceivedRequest& request) {
  if (!request.peer_is_loopback)
    return services_.front()->handle(request);  // the service's own refusal
  const std::string what = request.path.substr(MockService::kControlPrefix.size());
  const std::string operations(kOperationsPath);
  if (what == operations && request.method == "GET") {
    std::string list;
    for (const auto& s : services_)
      list += (list.empty() ? "" : ", ") + quoted(s->operation().action);
    return json_text(200, "[" + list + "]\n");
  }
  if (what.rfind(operations + "/", 0) == 0) {
    const std::string rest = what.substr(operations.size() + 1);
    const auto slash = rest.find('/');
    MockService* service = find(rest.substr(0, slash));
    if (!service) {
      return json_text(404,
                       "{\"error\": " + quoted("no operation " + rest.substr(0, slash)) + "}\n");
    }
    http::ReceivedRequest inner = request;
    inner.path = std::string(MockService::kControlPrefix) +
                 (slash == std::string::npos ? "" : rest.substr(slash + 1));
    return service->handle(inner);
  }
  if (services_.size() == 1)
    return services_.front()->handle(request);
  if (what == "health")
    return services_.front()->handle(request);
  if (what == "reset" && request.method == "POST") {
    for (const auto& s : services_)
      s->handle(request);
    return json_text(200, "{\"reset\": true}\n");
  }
  return json_text(404, "{\"error\": " +
                            quoted("this mock serves several operations: use /__conform/" +
                                   operations + "/<Action>/" + what) +
                            "}\n");
}

}  // namespace conform::mock
