#include "client/request_builder.h"

#include <stdexcept>
#include <utility>

#include "client/clock.h"
#include "client/replay.h"
#include "core/sign/percent.h"
#include "core/sign/v1.h"
#include "core/sign/v3.h"

namespace conform::client {
namespace {

constexpr std::string_view kFormContentType = "application/x-www-form-urlencoded";

Request build_v1(const Endpoint& endpoint, const sign::Params& operation_params,
                 const Credentials& credentials, const SignOptions& options,
                 const std::string& timestamp, const std::string& nonce) {
  sign::Params common{{"Action", options.action},
                      {"Version", options.version},
                      {"AccessKeyId", credentials.access_key_id},
                      {"SignatureMethod", "HMAC-SHA1"},
                      {"SignatureVersion", "1.0"},
                      {"Timestamp", timestamp},
                      {"SignatureNonce", nonce}};
  if (!options.format.empty()) {
    common.push_back({"Format", options.format});
  }
  if (credentials.security_token) {
    common.push_back({std::string(sign::v1::kSecurityTokenParam), *credentials.security_token});
  }
  sign::Params all = common;
  all.insert(all.end(), operation_params.begin(), operation_params.end());
  const sign::Param signature{
      std::string(sign::v1::kSignatureParam),
      sign::v1::sign(options.method, all, credentials.access_key_secret).signature};
  Request r;
  r.method = options.method;
  r.scheme = endpoint.scheme;
  r.host = endpoint.host;
  r.headers = options.extra_headers;
  sign::Params body;
  switch (options.params_in) {
    case ParamsIn::kQuery:
      r.query = std::move(all);
      r.query.push_back(signature);
      break;
    case ParamsIn::kBody:
      body = std::move(all);
      body.push_back(signature);
      break;
    case ParamsIn::kSplit:
      r.query = common;
      r.query.push_back(signature);
      body = operation_params;
      break;
  }
  if (options.params_in != ParamsIn::kQuery) {
    r.body = sign::encode_params(body);
    r.headers.push_back({"content-type", std::string(kFormContentType)});
  }
  return r;
}

Request build_v3(const Endpoint& endpoint, const sign::Params& operation_params,
                 const Credentials& credentials, const SignOptions& options,
                 const std::string& timestamp, const std::string& nonce) {
  Request r;
  r.method = options.method;
  r.scheme = endpoint.scheme;
  r.host = endpoint.host;
  if (options.params_in == ParamsIn::kQuery) {
    r.query = operation_params;
  } else {
    r.body = sign::encode_params(operation_params);
  }
  r.headers = {{"host", endpoint.host},
               {"x-acs-action", options.action},
               {"x-acs-version", options.version},
               {"x-acs-date", timestamp},
               {"x-acs-signature-nonce", nonce},
               {std::string(sign::v3::kContentSha256Header), sign::v3::hashed_payload(r.body)}};
  if (options.params_in != ParamsIn::kQuery) {
    r.headers.push_back({"content-type", std::string(kFormContentType)});
  }
  r.headers.insert(r.headers.end(), options.extra_headers.begin(), options.extra_headers.end());
  if (credentials.security_token) {
    for (auto& h : sign::v3::sts_headers(credentials.access_key_id, *credentials.security_token))
      r.headers.push_back({std::move(h.name), std::move(h.value)});
  }

  sign::v3::RequestToSign to_sign{r.method, r.pathname, r.query, {}, r.body};
  for (const auto& h : r.headers) {
    to_sign.headers.push_back({h.name, h.value});
  }
  const auto names =
      sign::v3::default_signed_header_names(to_sign.headers, options.extra_signed_header_names);
  const auto s = sign::v3::sign(to_sign, names, credentials.access_key_secret);
  r.headers.push_back({"Authorization", sign::v3::authorization(credentials.access_key_id,
                                                                s.signed_headers, s.signature)});
  return r;
}

}  // namespace

Endpoint parse_endpoint(std::string_view url) {
  const std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) {
    throw std::invalid_argument("endpoint '" + std::string(url) +
                                "' lacks a scheme (http:// or https://)");
  }
  Endpoint e;
  e.scheme = std::string(url.substr(0, sep));
  if (e.scheme != "http" && e.scheme != "https") {
    throw std::invalid_argument("endpoint scheme '" + e.scheme + "' is not http or https");
  }
  std::string_view rest = url.substr(sep + 3);
  while (!rest.empty() && rest.back() == '/') {
    rest.remove_suffix(1);
  }
  if (rest.empty() || rest.find_first_of("/?#@ ") != std::string_view::npos) {
    throw std::invalid_argument("endpoint '" + std::string(url) +
                                "' must be scheme://host[:port] with no path");
  }
  e.host = std::string(rest);
  return e;
}

Request build_request(const Endpoint& endpoint, const sign::Params& operation_params,
                      const Credentials& credentials, const SignOptions& options) {
  if (options.method == "GET" && options.params_in != ParamsIn::kQuery) {
    throw std::invalid_argument("a GET request cannot carry parameters in a body");
  }
  // Not value_or: its argument is made even when unused, and a nonce costs a getrandom call.
  const std::string timestamp =
      options.timestamp ? *options.timestamp : utc_timestamp(std::chrono::system_clock::now());
  const std::string nonce = options.nonce ? *options.nonce : random_uuid();
  Request r = options.signature_version == SignatureVersion::kV1
                  ? build_v1(endpoint, operation_params, credentials, options, timestamp, nonce)
                  : build_v3(endpoint, operation_params, credentials, options, timestamp, nonce);
  r.replay_command = http::DeferredText::deferred(
      [signed_request = r, version = options.signature_version, env = credentials.env] {
        return replay_command(signed_request, version, env);
      });
  return r;
}

}  // namespace conform::client
