#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/spec/evaluate.h"
#include "core/spec/model.h"
#include "reports/result.h"

namespace conform::report {

/// One request a run sent, as coverage counts it: what it carried and what the contract predicted.
struct SentRequest {
  std::vector<std::pair<std::string, std::string>> parameters;  // in request order
  bool predicted_success = false;
  std::string broken_rule;  // the rule id a predicted rejection breaks; empty otherwise
};

/// The coverage matrix counted as requests are sent: its memory is bounded by the spec (the
/// parameters, enum values, boundaries and outcomes it names), not by how many requests a run
/// sends.
class CoverageTally {
 public:
  explicit CoverageTally(const spec::Operation& op);
  /// One request: its parameters by name (the first occurrence of a name counts), whether the
  /// contract predicted success and the rule a predicted rejection breaks ("" for none).
  void add(const spec::ParamMap& params, bool predicted_success, const std::string& broken_rule);
  void add(const SentRequest& request);
  Coverage result() const;

 private:
  const spec::Operation* op_;
  bool styled_ = false;  // the operation has a list or struct parameter
  std::map<std::string, std::uint64_t, std::less<>> params_;
  // Parameter name -> enum value -> count, for the enum values the spec lists only.
  std::map<std::string, std::map<std::string, std::uint64_t, std::less<>>, std::less<>> enums_;
  std::map<std::string, std::uint64_t> bounds_;
  std::map<std::string, std::uint64_t> outcomes_;
};

/// What the run exercised: parameters, enum values, boundaries (plain and conditional) and
/// outcomes.
Coverage coverage_of(const spec::Operation& op, const std::vector<SentRequest>& sent);

}  // namespace conform::report
