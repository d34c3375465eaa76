#include "client/sign_inputs.h"

#include "core/sign/v1.h"
#include "core/sign/v3.h"

namespace conform::client {
namespace {

const nlohmann::json& field(const nlohmann::json& object, const char* name) {
  if (!object.contains(name)) {
    throw InputError(std::string("missing field 'inputs.") + name + "'");
  }
  return object.at(name);
}

std::string string_field(const nlohmann::json& object, const char* name) {
  const auto& value = field(object, name);
  if (!value.is_string()) {
    throw InputError(std::string("field 'inputs.") + name + "' must be a string, not " +
                     value.type_name());
  }
  return value.get<std::string>();
}

sign::Params params_field(const nlohmann::json& object, const char* name) {
  const auto& value = field(object, name);
  if (!value.is_object()) {
    throw InputError(std::string("field 'inputs.") + name + "' must be an object of strings");
  }
  sign::Params out;
  for (const auto& [key, v] : value.items()) {
    if (!v.is_string()) {
      throw InputError(std::string("field 'inputs.") + name + "." + key +
                       "' must be a string, not " + v.type_name());
    }
    out.push_back({key, v.get<std::string>()});
  }
  return out;
}

SignReport sign_v1(const nlohmann::json& in, std::string_view secret) {
  sign::Params params;
  if (in.contains("all_signed_params")) {
    params = params_field(in, "all_signed_params");
  } else {
    params = params_field(in, "operation_params");
    params.push_back({"Action", string_field(in, "action")});
    params.push_back({"Version", string_field(in, "version")});
    params.push_back({"AccessKeyId", string_field(in, "access_key_id")});
    params.push_back({"Format", in.contains("format") ? string_field(in, "format") : "JSON"});
    params.push_back({"SignatureMethod", "HMAC-SHA1"});
    params.push_back({"SignatureVersion", "1.0"});
    params.push_back({"Timestamp", string_field(in, "timestamp")});
    params.push_back({"SignatureNonce", string_field(in, "signature_nonce")});
    if (in.contains("security_token") && !in.at("security_token").is_null()) {
      params.push_back({"SecurityToken", string_field(in, "security_token")});
    }
  }
  const auto s = sign::v1::sign(string_field(in, "http_method"), params, secret);
  return {"V1",
          {{"canonicalized_query_string", s.canonicalized_query_string},
           {"string_to_sign", s.string_to_sign},
           {"signature", s.signature}}};
}

SignReport sign_v3(const nlohmann::json& in, std::string_view secret) {
  sign::v3::RequestToSign r;
  r.method = string_field(in, "http_method");
  r.pathname = in.contains("pathname") ? string_field(in, "pathname") : "/";
  r.body = in.contains("body") ? string_field(in, "body") : "";
  const std::string location =
      in.contains("params_location") ? string_field(in, "params_location") : "query";
  if (location == "query") {
    r.query = params_field(in, "operation_params");
  } else if (!in.contains("body")) {
    throw InputError("params_location is '" + location + "' but field 'inputs.body' is missing");
  }
  r.headers = {{"host", string_field(in, "host")},
               {"x-acs-action", string_field(in, "action")},
               {"x-acs-version", string_field(in, "version")},
               {"x-acs-date", string_field(in, "x_acs_date")},
               {"x-acs-signature-nonce", string_field(in, "x_acs_signature_nonce")},
               {std::string(sign::v3::kContentSha256Header), sign::v3::hashed_payload(r.body)}};
  if (in.contains("extra_signed_headers")) {
    for (const auto& p : params_field(in, "extra_signed_headers")) {
      r.headers.push_back({p.name, p.value});
    }
  }
  if (in.contains("security_token") && !in.at("security_token").is_null()) {
    const auto sts = sign::v3::sts_headers(string_field(in, "access_key_id"),
                                           string_field(in, "security_token"));
    r.headers.insert(r.headers.end(), sts.begin(), sts.end());
  }
  const auto s = sign::v3::sign(r, sign::v3::default_signed_header_names(r.headers), secret);
  return {"V3",
          {{"canonical_query_string", s.canonical_query_string},
           {"canonical_headers", s.canonical_headers},
           {"signed_headers", s.signed_headers},
           {"hashed_request_payload", s.hashed_request_payload},
           {"canonical_request", s.canonical_request},
           {"hashed_canonical_request", s.hashed_canonical_request},
           {"string_to_sign", s.string_to_sign},
           {"signature", s.signature},
           {"authorization", sign::v3::authorization(string_field(in, "access_key_id"),
                                                     s.signed_headers, s.signature)}}};
}

}  // namespace

SignReport sign_inputs(const nlohmann::json& inputs, std::string_view access_key_secret) {
  if (!inputs.is_object()) {
    throw InputError(std::string("inputs must be a JSON object, not ") + inputs.type_name());
  }
  if (inputs.contains("x_acs_date")) {
    return sign_v3(inputs, access_key_secret);
  }
  if (inputs.contains("timestamp")) {
    return sign_v1(inputs, access_key_secret);
  }
  throw InputError("inputs has neither 'timestamp' (V1) nor 'x_acs_date' (V3)");
}

}  // namespace conform::client
