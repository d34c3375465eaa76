#include "core/sign/v1.h"

#include "core/sign/canonical.h"
#include "core/sign/crypto.h"
#include "core/sign/percent.h"

namespace conform::sign::v1 {

std::string canonicalized_query_string(const Params& params) {
  return encode_params(sorted_refs(params, kSignatureParam));
}

std::string string_to_sign(std::string_view method, std::string_view canonicalized_query) {
  std::string out;
  out.reserve(method.size() + 5 + canonicalized_query.size() * 3);
  out += method;
  out += "&%2F&";
  append_percent_encoded(out, canonicalized_query);
  return out;
}

std::string signature(std::string_view string_to_sign, std::string_view access_key_secret) {
  std::string key(access_key_secret);
  key += '&';
  return base64_encode(hmac_sha1(key, string_to_sign));
}

Signed sign(std::string_view method, const Params& params, std::string_view access_key_secret) {
  Signed s;
  s.canonicalized_query_string = canonicalized_query_string(params);
  s.string_to_sign = v1::string_to_sign(method, s.canonicalized_query_string);
  s.signature = v1::signature(s.string_to_sign, access_key_secret);
  return s;
}

bool verify(std::string_view method, const Params& params, std::string_view access_key_secret,
            std::string_view presented_signature) {
  return constant_time_equals(sign(method, params, access_key_secret).signature,
                              presented_signature);
}

}  // namespace conform::sign::v1
