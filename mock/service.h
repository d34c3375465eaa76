#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <random>

#include "core/spec/model.h"
#include "mock/faults.h"
#include "mock/fixtures.h"
#include "mock/http/request.h"
#include "mock/http/response.h"
#include "mock/key_store.h"
#include "mock/state.h"

namespace conform::mock {

struct ServiceOptions {
  bool authenticate = true;  // off: signatures, keys, times and nonces are not checked
  bool control_api = false;  // the /__conform/ paths, loopback peers only
  bool enforce_quota =
      false;  // the spec's quota; off by default since a conformance run exceeds it
  Faults faults;
  StateLimits limits;  // per-request memory: nonces and records
  // The endpoint's nonce memory when it serves several operations (see MockRouter); null: own.
  std::shared_ptr<NonceMemory> nonces;
  std::function<Clock::time_point()> clock = [] { return Clock::now(); };
};

/// The mock endpoint's behaviour, driven by the spec alone: it reads a call, applies the spec's
/// rules in order (protocol rules against its keys, clock and nonces; resource rules against its
/// state), and answers with the first breached rule's outcome or with a success body built from
/// the spec's response shape. Thread-safe: the HTTP server calls it from several threads.
class MockService {
 public:
  MockService(std::shared_ptr<const spec::Operation> op, InitialResources fixtures, KeyStore keys,
              ServiceOptions options);

  http::Response handle(const http::ReceivedRequest& request);

  MockState& state() { return state_; }
  const spec::Operation& operation() const { return *op_; }
  std::shared_ptr<const spec::Operation> shared_operation() const { return op_; }
  void set_faults(Faults faults);
  Faults faults() const;

  /// The path prefix of the control API.
  static constexpr std::string_view kControlPrefix = "/__conform/";

 private:
  http::Response answer_call(const http::ReceivedRequest& request);
  http::Response control(const http::ReceivedRequest& request);
  double draw();

  std::shared_ptr<const spec::Operation> op_;
  KeyStore keys_;
  ServiceOptions options_;
  MockState state_;
  mutable std::mutex faults_mutex_;
  Faults faults_;
  std::mt19937_64 fault_random_;
};

}  // namespace conform::mock
