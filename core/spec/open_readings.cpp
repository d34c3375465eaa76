#include "core/spec/open_readings.h"

#include <algorithm>

#include "core/spec/constraints.h"

namespace conform::spec {
namespace {

bool plain_decimal(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '-')
    digits.remove_prefix(1);
  return !digits.empty() && (digits.size() == 1 || digits.front() != '0') &&
         std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         text != "-0";
}

// A secret parameter's value never reaches a message.
std::string shown(const Parameter& param, std::string_view value) {
  return param.secret ? "the value of " + param.name : "\"" + std::string(value) + "\"";
}

}  // namespace

std::optional<std::string> open_reading(const Parameter& param, std::string_view value) {
  if (param.hidden)
    return param.name + " is hidden: no document says what the service does with it";
  switch (param.type) {
    case ValueType::kBoolean:
      if (value != "true" && value != "false")
        return shown(param, value) + " is a boolean written otherwise than true or false";
      break;
    case ValueType::kInteger:
      if (!plain_decimal(value))
        return shown(param, value) + " is an integer not written in plain decimal";
      break;
    case ValueType::kString:
      if (!within_conservative_limits(param, value))
        return shown(param, value) + " is outside " + param.name +
               "'s convention (length or characters)";
      break;
  }
  return std::nullopt;
}

std::optional<OpenReading> open_reading(const Operation& op, const ParamMap& params) {
  for (const auto& p : op.parameters) {
    const auto it = params.find(p.name);
    if (it == params.end())
      continue;
    if (auto why = open_reading(p, it->second))
      return OpenReading{&p, std::move(*why)};
  }
  return std::nullopt;
}

}  // namespace conform::spec
