#pragma once

#include <memory>
#include <vector>

#include "client/credentials.h"
#include "core/spec/model.h"
#include "suites/target.h"

namespace conform::mock {
class EmbeddedMock;
}

namespace conform::app {

/// The embedded mock as a run's target: one endpoint serving every operation of the run. The
/// suites see it as any other endpoint: a URL, the credentials it accepts, the resources it holds,
/// and its control API (each operation's own when there are several).
class EmbeddedTarget {
 public:
  explicit EmbeddedTarget(std::vector<std::shared_ptr<const spec::Operation>> ops);
  ~EmbeddedTarget();
  EmbeddedTarget(const EmbeddedTarget&) = delete;
  EmbeddedTarget& operator=(const EmbeddedTarget&) = delete;

  /// Starts the mock on loopback; throws std::system_error when it cannot bind.
  void start();
  /// Points `target` at the mock for one of its operations.
  void point(const spec::Operation& op, suite::Target& target) const;

 private:
  std::vector<std::shared_ptr<const spec::Operation>> ops_;
  std::unique_ptr<mock::EmbeddedMock> mock_;
};

/// The mock's starting resources as the target's, unless the target names its own.
void add_embedded_resources(const spec::Operation& op, suite::Target& target);

/// The key pair the embedded mock accepts.
client::Credentials embedded_credentials();

}  // namespace conform::app
