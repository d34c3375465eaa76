#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "client/credentials.h"
#include "core/spec/model.h"
#include "core/spec/resource_fixtures.h"

namespace conform::suite {

/// A resource the target provides for the checks: by the spec's resource name, with its state
/// when known. `other_state` marks one the user knows is in some state that fails the
/// operation's state rule, without saying which.
/// A resource the target holds, as the resource-fixture format reads it.
using TargetResource = spec::ResourceFixture;

/// A difference the user knows about: the named check (or a check name prefix ending in '*') is
/// expected to fail on this target, for the reason given. One that passes is reported as stale.
struct Divergence {
  std::string check;
  std::string reason;
};

/// Where a run sends its requests and what it may do there. Read from a target file
/// (`--target FILE`, or `$CONFORM_TARGET`) or built from flags; the embedded mock when neither.
struct Target {
  std::string name = "embedded mock";
  std::string endpoint;  // empty: the embedded mock, which `conform run` starts and names here
  // The target's control API (the mock's /__conform), for checks that can also look at what was
  // created; empty when the target offers none.
  std::string control_url;
  bool embedded = false;  // the endpoint is the embedded mock the run started
  std::string region;
  std::vector<TargetResource> resources;
  client::CredentialEnvNames credential_env;
  double requests_per_second = 0;  // 0: no limit (the mock); real endpoints get the spec's quota
  // Cases each check keeps in flight (--in-flight); conform run sets the default for the target.
  int in_flight = 1;
  int valid_cases = 100;
  int invalid_cases = 200;
  bool allow_billable = false;
  std::optional<int> max_orders;
  std::optional<int> max_requests;      // every request, retries included
  std::optional<int> max_shrink_steps;  // per failing property; unset: the run's default
  std::vector<Divergence> divergences;
  std::chrono::milliseconds timeout{30000};  // one exchange, connection included
  std::string ca_file;
  bool insecure_tls = false;
  std::string file;  // where it was read from, for messages and reports

  /// The embedded mock, whether started yet or not.
  bool is_embedded_mock() const { return embedded || endpoint.empty(); }
  /// Loopback endpoints (127.0.0.0/8, localhost, [::1]) cannot bill anyone.
  bool is_local() const;
};

struct TargetError : std::runtime_error {
  using std::runtime_error::runtime_error;
  std::string pointer;  // the member at fault, for a file's message; empty when not known
};

/// Reads a target file; errors name the file, the JSON pointer and what is wrong. A file that
/// holds a secret (a key named like one, or a value that looks like an AccessKey secret) is
/// refused: secrets come from the environment only.
Target load_target(const std::string& path, const spec::Operation& op);

/// Checks a target against the spec (resources and states it names exist) and fills defaults:
/// the spec's quota as the rate limit for remote endpoints.
void validate_target(Target& target, const spec::Operation& op);

}  // namespace conform::suite
