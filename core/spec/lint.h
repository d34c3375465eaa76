#pragma once

#include <string>
#include <vector>

#include "core/spec/model.h"

namespace conform::spec {

/// Something suspicious in a published contract, with the evidence a reviewer needs to judge it.
struct Finding {
  std::string check;  // stable name, e.g. "near-duplicate-code"
  std::string file;
  std::string pointer;
  std::string message;
  std::vector<std::string> evidence;
};

/// Flags what looks wrong in the contract a spec records: codes one edit apart, descriptions that
/// name parameters the operation lacks, one message under several codes, parameters with no
/// constraint, and parameters or codes a source documents but the spec leaves out.
std::vector<Finding> lint(const Operation& op);

}  // namespace conform::spec
