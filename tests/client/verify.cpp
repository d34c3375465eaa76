#include "tests/client/verify.h"

#include "core/sign/crypto.h"
#include "core/sign/percent.h"
#include "core/sign/v1.h"
#include "core/sign/v3.h"

namespace conform::test {

bool signature_valid(const Received& request, std::string_view secret) {
  const auto q = request.target.find('?');
  sign::Params query;
  if (q != std::string::npos) {
    const auto parsed = sign::parse_params(request.target.substr(q + 1), sign::PlusIs::kSpace);
    if (!parsed.ok()) {
      return false;
    }
    query = parsed.params;
  }
  const std::string authorization = request.header("authorization");
  if (authorization.starts_with(sign::v3::kAlgorithm)) {
    const auto auth = sign::v3::parse_authorization(authorization);
    if (!auth.value || request.header(std::string(sign::v3::kContentSha256Header)) !=
                           sign::v3::hashed_payload(request.body)) {
      return false;
    }
    sign::v3::RequestToSign r{request.method, request.target.substr(0, q), query, {}, request.body};
    for (const auto& [name, value] : request.headers) {
      r.headers.push_back({name, value});
    }
    return sign::constant_time_equals(
        sign::v3::sign(r, auth.value->signed_headers, secret).signature, auth.value->signature);
  }
  sign::Params all = query;
  if (request.header("content-type").starts_with("application/x-www-form-urlencoded")) {
    const auto body = sign::parse_params(request.body, sign::PlusIs::kSpace);
    if (!body.ok()) {
      return false;
    }
    all.insert(all.end(), body.params.begin(), body.params.end());
  }
  std::string presented;
  for (const auto& p : all) {
    if (p.name == sign::v1::kSignatureParam) {
      presented = p.value;
    }
  }
  return !presented.empty() && sign::v1::verify(request.method, all, secret, presented);
}

}  // namespace conform::test
