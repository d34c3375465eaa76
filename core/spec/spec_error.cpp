#include "core/spec/spec_error.h"

namespace conform::spec {

std::string SpecError::to_string() const {
  std::string out = file;
  if (!pointer.empty())
    out += ":" + pointer;
  return out + ": " + rule + ": " + message;
}

namespace {
std::string summary(const std::vector<SpecError>& errors) {
  if (errors.empty())
    return "spec failed to load";
  std::string out = errors.front().to_string();
  if (errors.size() > 1)
    out += " (and " + std::to_string(errors.size() - 1) + " more)";
  return out;
}
}  // namespace

SpecLoadError::SpecLoadError(std::vector<SpecError> errors)
    : std::runtime_error(summary(errors)), errors_(std::move(errors)) {}

}  // namespace conform::spec
