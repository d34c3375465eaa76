#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reports/result.h"

// The last line of defence for secrets. The client masks exchanges when it records them; this
// runs again on everything a report is about to hold, for the secrets the caller knows.
namespace conform::report {

class Scrubber {
 public:
  /// Empty strings and values shorter than kMinSecretLength are ignored: masking "a" would mask
  /// every "a" in a report and hide nothing worth hiding.
  explicit Scrubber(std::vector<std::string> secrets);

  static constexpr std::size_t kMinSecretLength = 4;

  /// Replaces every occurrence of each secret, raw or percent-encoded, by ***.
  std::string text(std::string_view in) const;

  /// text() on every string of the check, and the protocol masks (Signature, SecurityToken,
  /// Authorization) applied again to every exchange.
  CheckResult check(CheckResult result) const;

  RunInfo run(RunInfo run) const;

  /// run() and check() on everything: for results read back from a file of unknown history.
  Results results(Results results) const;

  /// True when a secret appears in `bytes` in any form text() replaces.
  bool leaks(std::string_view bytes) const;

 private:
  std::vector<std::string> forms_;  // each secret raw and percent-encoded, longest first
};

}  // namespace conform::report
