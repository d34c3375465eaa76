#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace conform::spec {

/// One defect of a spec: where it is (file and JSON pointer) and which rule it breaks.
struct SpecError {
  std::string file;
  std::string pointer;  // empty when the whole file is at fault; "line L, column C" for syntax
  std::string rule;     // stable name, e.g. "empty-range", "schema:required", "invalid-json"
  std::string message;

  /// "file:pointer: rule: message", the form editors and CI logs link to.
  std::string to_string() const;
};

/// Thrown by the loader with every defect it found, not only the first.
class SpecLoadError : public std::runtime_error {
 public:
  explicit SpecLoadError(std::vector<SpecError> errors);
  const std::vector<SpecError>& errors() const { return errors_; }

 private:
  std::vector<SpecError> errors_;
};

}  // namespace conform::spec
