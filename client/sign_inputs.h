#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The `inputs` object of tests/data/vectors/signatures.json as a request description, so the CLI
// and people debugging a mismatch can sign exactly what the SDK vectors describe.
namespace conform::client {

/// Bad or missing field; the message names the JSON path, e.g. "inputs.operation_params.Period".
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SignReport {
  std::string signature_version;  // "V1" or "V3"
  // Intermediate strings in the order the protocol computes them, keyed like the vector fields.
  std::vector<std::pair<std::string, std::string>> fields;
};

/// V3 when the inputs carry x_acs_date, V1 when they carry timestamp. V1 signs
/// all_signed_params if present, otherwise the common parameters plus operation_params.
SignReport sign_inputs(const nlohmann::json& inputs, std::string_view access_key_secret);

}  // namespace conform::client
