#pragma once

#include <optional>
#include <string>
#include <vector>

#include "client/credentials.h"
#include "client/request.h"
#include "core/sign/params.h"

namespace conform::client {

enum class SignatureVersion { kV1, kV3 };

/// Where operation parameters travel. For V1, kBody puts every parameter (Signature too) in the
/// form body as pop-core does; kSplit puts operation parameters in the body and common ones in the
/// query as openapi-core does. For V3 kBody and kSplit are the same: a form body, no query.
enum class ParamsIn { kQuery, kBody, kSplit };

struct Endpoint {
  std::string scheme = "https";
  std::string host;  // host[:port]
};

/// Accepts "https://vpc.aliyuncs.com", "http://127.0.0.1:8080" (a trailing '/' is ignored).
/// Throws std::invalid_argument naming the problem.
Endpoint parse_endpoint(std::string_view url);

struct SignOptions {
  std::string action;
  std::string version;
  SignatureVersion signature_version = SignatureVersion::kV3;
  std::string method = "POST";
  ParamsIn params_in = ParamsIn::kQuery;
  std::string format = "JSON";             // V1 Format parameter; empty: not sent
  std::optional<std::string> timestamp{};  // default: now, UTC
  std::optional<std::string> nonce{};      // default: random UUID
  http::HeaderFields extra_headers{};      // sent; in V3 x-acs-* and content-type get signed
  std::vector<std::string> extra_signed_header_names{};  // V3: sign these too
};

/// Builds and signs one request for `action` with the caller's decoded parameters. Knows nothing
/// about any particular operation. Throws std::invalid_argument for GET with a body.
Request build_request(const Endpoint& endpoint, const sign::Params& operation_params,
                      const Credentials& credentials, const SignOptions& options);

}  // namespace conform::client
