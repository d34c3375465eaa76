#include "core/spec/schema_names.h"

#include <map>

namespace conform::spec {

SignatureScheme scheme_of(const std::string& name) {
  return name == "V1" ? SignatureScheme::kV1 : SignatureScheme::kV3;
}

Check check_of(const std::string& name) {
  static const std::map<std::string, Check> kChecks = {
      {"action", Check::kAction},
      {"version", Check::kVersion},
      {"credentials_present", Check::kCredentialsPresent},
      {"action_present", Check::kActionPresent},
      {"signing_values", Check::kSigningValues},
      {"timestamp_format", Check::kTimestampFormat},
      {"access_key", Check::kAccessKey},
      {"signature", Check::kSignature},
      {"timestamp_window", Check::kTimestampWindow},
      {"nonce_unique", Check::kNonceUnique},
      {"security_token", Check::kSecurityToken},
      {"rate", Check::kRate},
      {"service", Check::kService},
      {"present", Check::kPresent},
      {"valid", Check::kValid},
      {"exists", Check::kExists},
      {"state", Check::kState}};
  return kChecks.at(name);  // the schema admits only these names
}

FieldType field_type_of(const std::string& name) {
  if (name == "integer")
    return FieldType::kInteger;
  if (name == "boolean")
    return FieldType::kBoolean;
  if (name == "object")
    return FieldType::kObject;
  return FieldType::kString;
}

}  // namespace conform::spec
