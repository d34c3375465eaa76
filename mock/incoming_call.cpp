#include "mock/incoming_call.h"

#include <algorithm>
#include <utility>

#include "core/sign/percent.h"
#include "core/sign/v1.h"
#include "core/spec/styled_wire.h"
#include "core/text/ascii.h"

namespace conform::mock {
namespace {

// Protocol names of signature V1 (parameters) and V3 (headers); they belong to the Alibaba RPC
// protocol, not to any operation.
constexpr std::string_view kAccessKeyIdParam = "AccessKeyId";
constexpr std::string_view kTimestampParam = "Timestamp";
constexpr std::string_view kNonceParam = "SignatureNonce";
constexpr std::string_view kActionParam = "Action";
constexpr std::string_view kVersionParam = "Version";
constexpr std::string_view kActionHeader = "x-acs-action";
constexpr std::string_view kVersionHeader = "x-acs-version";
constexpr std::string_view kDateHeader = "x-acs-date";
constexpr std::string_view kNonceHeader = "x-acs-signature-nonce";

// Decodes leniently: a malformed escape keeps its raw text, so the signature check (which
// re-encodes) rejects it rather than the mock guessing what the client meant.
void decode_into(std::string_view text, sign::PlusIs plus, sign::Params& out,
                 std::vector<std::string>& bad) {
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('&', start);
    if (end == std::string_view::npos)
      end = text.size();
    const auto segment = text.substr(start, end - start);
    if (!segment.empty()) {
      const auto eq = segment.find('=');
      const auto raw_name = segment.substr(0, eq);
      const auto raw_value =
          eq == std::string_view::npos ? std::string_view() : segment.substr(eq + 1);
      auto name = sign::percent_decode(raw_name, plus);
      auto value = sign::percent_decode(raw_value, plus);
      sign::Param p{name.ok() ? std::move(name.value) : std::string(raw_name),
                    value.ok() ? std::move(value.value) : std::string(raw_value)};
      if (!name.ok() || !value.ok())
        bad.push_back(p.name);
      out.push_back(std::move(p));
    }
    start = end + 1;
  }
}

std::optional<std::string> param(const sign::Params& params, std::string_view name) {
  for (const auto& p : params) {
    if (p.name == name)
      return p.value;
  }
  return std::nullopt;
}

std::optional<std::string> header(const http::ReceivedRequest& r, std::string_view name) {
  if (auto v = r.header(name))
    return std::string(*v);
  return std::nullopt;
}

std::string format_of(const spec::Operation& op, const IncomingCall& call,
                      const http::ReceivedRequest& r) {
  if (auto it = call.params.find(op.protocol.format_parameter); it != call.params.end()) {
    for (const auto& [format, _] : op.protocol.content_types) {
      if (text::iequals(format, it->second))
        return format;
    }
  }
  // V3 clients ask by Accept header instead of a parameter.
  if (auto accept = r.header("accept"); accept && accept->find("xml") != std::string_view::npos &&
                                        op.protocol.content_types.count("XML")) {
    return "XML";
  }
  return op.protocol.content_types.count("JSON") ? "JSON"
                                                 : op.protocol.content_types.begin()->first;
}

}  // namespace

IncomingCall read_call(const spec::Operation& op, const http::ReceivedRequest& request) {
  IncomingCall call;
  call.method = request.method;
  decode_into(request.query, sign::PlusIs::kPlus, call.query, call.undecodable);
  const auto content_type = request.header("content-type");
  if (content_type &&
      content_type->find("application/x-www-form-urlencoded") != std::string_view::npos) {
    decode_into(request.body, sign::PlusIs::kSpace, call.form, call.undecodable);
  }
  call.all = call.query;
  call.all.insert(call.all.end(), call.form.begin(), call.form.end());
  for (const auto& p : call.all)
    call.params.emplace(p.name, p.value);  // first value wins
  // A list or struct is judged as one value, read back from its wire keys (Name.1, Tag.1.Key, ...)
  // as the generators read the keys they send; the keys themselves stay, unknown to every rule.
  spec::read_styled(op, call.params);

  if (auto host = request.header("host")) {
    std::string h(*host);
    if (!h.empty() && h.front() != '[')
      h = h.substr(0, h.find(':'));
    call.host = h;
  }

  const auto authorization = request.header("authorization");
  // openapi-core sends x-acs-action on V1 requests too, so the headers alone mean V3 only when the
  // request carries no V1 signature: then it is a V3 request that lost its Authorization header.
  const bool v1_signed = call.params.count(std::string(sign::v1::kSignatureParam)) > 0;
  const bool v3_headers = request.header(kActionHeader).has_value();
  if ((authorization && authorization->rfind("ACS3-", 0) == 0) ||
      (!authorization && v3_headers && !v1_signed)) {
    call.scheme = SignatureScheme::kV3;
    if (authorization) {
      auto parsed = sign::v3::parse_authorization(*authorization);
      call.authorization = parsed.value;
      call.authorization_error = parsed.error;
      if (parsed.value)
        call.access_key_id = parsed.value->credential;
    } else {
      call.authorization_error = "the Authorization header is missing";
    }
    call.action = header(request, kActionHeader);
    call.version = header(request, kVersionHeader);
    call.timestamp = header(request, kDateHeader);
    call.nonce = header(request, kNonceHeader);
    call.security_token = header(request, sign::v3::kSecurityTokenHeader);
  } else {
    call.scheme = call.params.count(std::string(sign::v1::kSignatureParam))
                      ? SignatureScheme::kV1
                      : SignatureScheme::kNone;
    call.action = param(call.all, kActionParam);
    call.version = param(call.all, kVersionParam);
    call.access_key_id = param(call.all, kAccessKeyIdParam);
    call.timestamp = param(call.all, kTimestampParam);
    call.nonce = param(call.all, kNonceParam);
    call.security_token = param(call.all, sign::v1::kSecurityTokenParam);
    call.signature = param(call.all, sign::v1::kSignatureParam);
  }
  if (call.security_token && call.security_token->empty())
    call.security_token.reset();
  call.format = format_of(op, call, request);
  return call;
}

}  // namespace conform::mock
