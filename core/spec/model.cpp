#include "core/spec/model.h"

#include <algorithm>

#include "core/spec/styled_wire.h"

namespace conform::spec {

bool Parameter::constrained() const {
  if (shape)
    return shape_constrains(*shape);
  return type != ValueType::kString || !enum_values.empty() || minimum || maximum || min_length ||
         max_length || pattern || fixed_value || !conditional.empty();
}

bool Rule::is_protocol() const {
  return check != Check::kPresent && check != Check::kValid && check != Check::kExists &&
         check != Check::kState;
}

const Parameter* Operation::find_parameter(std::string_view name) const {
  for (const auto* list : {&parameters, &common_parameters}) {
    auto it = std::find_if(list->begin(), list->end(),
                           [&](const Parameter& p) { return p.name == name; });
    if (it != list->end())
      return &*it;
  }
  return nullptr;
}

const Outcome* Operation::find_outcome(std::string_view id) const {
  auto it =
      std::find_if(outcomes.begin(), outcomes.end(), [&](const Outcome& o) { return o.id == id; });
  return it == outcomes.end() ? nullptr : &*it;
}

const ErrorCode* Operation::find_error(std::string_view code, int http) const {
  auto it = std::find_if(errors.begin(), errors.end(),
                         [&](const ErrorCode& e) { return e.code == code && e.http == http; });
  return it == errors.end() ? nullptr : &*it;
}

const Resource* Operation::find_resource(std::string_view name) const {
  auto it = resources.find(std::string(name));
  return it == resources.end() ? nullptr : &it->second;
}

std::string_view to_string(ValueType type) {
  switch (type) {
    case ValueType::kString:
      return "string";
    case ValueType::kInteger:
      return "integer";
    case ValueType::kBoolean:
      return "boolean";
  }
  return "?";
}

std::string_view to_string(Check check) {
  switch (check) {
    case Check::kActionPresent:
      return "action_present";
    case Check::kAction:
      return "action";
    case Check::kVersion:
      return "version";
    case Check::kCredentialsPresent:
      return "credentials_present";
    case Check::kSigningValues:
      return "signing_values";
    case Check::kTimestampFormat:
      return "timestamp_format";
    case Check::kAccessKey:
      return "access_key";
    case Check::kSignature:
      return "signature";
    case Check::kTimestampWindow:
      return "timestamp_window";
    case Check::kNonceUnique:
      return "nonce_unique";
    case Check::kSecurityToken:
      return "security_token";
    case Check::kRate:
      return "rate";
    case Check::kService:
      return "service";
    case Check::kPresent:
      return "present";
    case Check::kValid:
      return "valid";
    case Check::kExists:
      return "exists";
    case Check::kState:
      return "state";
  }
  return "?";
}

std::string_view to_string(SignatureScheme scheme) {
  return scheme == SignatureScheme::kV1 ? "V1" : "V3";
}

std::string_view to_string(Location location) {
  return location == Location::kQuery ? "query" : "body";
}

std::string_view to_string(FieldType type) {
  switch (type) {
    case FieldType::kString:
      return "string";
    case FieldType::kInteger:
      return "integer";
    case FieldType::kBoolean:
      return "boolean";
    case FieldType::kObject:
      return "object";
  }
  return "?";
}

}  // namespace conform::spec
