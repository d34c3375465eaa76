#pragma once

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/spec/model.h"

namespace conform::mock {

/// What the mock does wrong on purpose, to test clients and the suite itself. Transport faults hit
/// a share of requests; contract faults name the spec's rules and fields, so each rule of the
/// contract has a switch that makes the mock break it.
struct Faults {
  std::chrono::milliseconds latency{0};
  double error_share = 0;                    // answer with the service's transient failure outcome
  double throttle_share = 0;                 // answer with the rate rule's outcome
  double drop_share = 0;                     // close the connection without answering
  double malformed_share = 0;                // send a body cut in the middle
  std::set<std::string> skip_rules;          // accept what the rule must reject
  std::set<std::string> wrong_code_rules;    // answer with a code the outcome does not accept
  std::set<std::string> wrong_status_rules;  // answer with the right code and a wrong status
  std::set<std::string> server_error_rules;  // answer with the catalogue's server error (5xx)
  std::set<std::string> drop_fields;         // dotted paths left out of success bodies
  bool wrong_content_type = false;
  bool ignore_client_token = false;
  std::uint64_t seed = 0;

  bool any() const;
};

/// Parses fault switches ("latency=200", "error-rate=0.1", "skip-rule=<rule id>",
/// "drop-field=<Field.Path>", "wrong-content-type", ...). Rule ids and field paths are checked
/// against the spec; a bad item throws std::invalid_argument naming it and the accepted forms.
Faults parse_faults(const std::vector<std::string>& items, const spec::Operation& op);

/// The accepted fault forms, for --help.
std::string fault_help();

}  // namespace conform::mock
