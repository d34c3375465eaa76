#include "tests/oracle/mock_answer.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>

#include "client/clock.h"
#include "client/request_builder.h"
#include "core/spec/evaluate.h"

namespace conform::oracle {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

client::Credentials credentials_for(const Departure& d, const Keys& keys) {
  client::Credentials c{keys.id, keys.secret, std::nullopt, {}};
  if (d.credentials == "unknown-key")
    c.access_key_id = "oracle-unknown-key";
  else if (d.credentials == "wrong-secret")
    c.access_key_secret += "-wrong";
  else if (d.credentials == "sts")
    c = {keys.sts_id, keys.sts_secret, keys.sts_token, {}};
  else if (d.credentials == "empty-security-token")
    c.security_token = "";
  else if (d.credentials == "unrequested-security-token")
    c.security_token = "oracle-token-never-issued";
  return c;
}

// The format the answer must be in: the one asked for, either when V1 sends no Format (the
// default is documented as JSON for VPC and as XML elsewhere), JSON for V3.
std::optional<std::string> expected_format(const Case& c) {
  if (c.request.signature == spec::SignatureScheme::kV3)
    return "JSON";
  if (!c.request.format)
    return std::nullopt;
  return lower(*c.request.format) == "xml" ? "XML" : "JSON";
}

// Content-Type as a media type: type/subtype case-insensitive, parameters optional, a charset if
// present names UTF-8. JSON is application/json; XML is text/xml (the SDK) or application/xml
// (the seed's sample).
std::optional<std::string> media_type_problem(const std::string& content_type,
                                              const std::string& format) {
  const auto semi = content_type.find(';');
  const std::string type = lower(trim(content_type.substr(0, semi)));
  const bool ok = format == "JSON" ? type == "application/json"
                                   : type == "text/xml" || type == "application/xml";
  if (!ok)
    return "Content-Type \"" + content_type + "\" is not a " + format + " media type";
  std::size_t at = semi;
  while (at != std::string::npos) {
    const auto next = content_type.find(';', at + 1);
    const std::string param = lower(trim(content_type.substr(at + 1, next - at - 1)));
    if (param.rfind("charset=", 0) == 0) {
      std::string charset = param.substr(8);
      charset.erase(std::remove(charset.begin(), charset.end(), '"'), charset.end());
      if (charset != "utf-8" && charset != "utf8")
        return "Content-Type \"" + content_type + "\" names charset " + charset;
    }
    at = next;
  }
  return std::nullopt;
}

struct ReadAnswer {
  std::string format;  // JSON or XML, as the body reads
  std::string code;    // empty on success bodies
  std::string root;    // XML root element
};

std::optional<ReadAnswer> read_body(const std::string& body) {
  ReadAnswer r;
  const auto start = body.find_first_not_of(" \t\r\n");
  if (start == std::string::npos)
    return std::nullopt;
  if (body[start] == '<') {
    r.format = "XML";
    static const std::regex root(R"(^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*))");
    static const std::regex code(R"(<Code>([^<]*)</Code>)");
    std::smatch m;
    if (!std::regex_search(body, m, root))
      return std::nullopt;
    r.root = m[1].str();
    if (std::regex_search(body, m, code))
      r.code = m[1].str();
    return r;
  }
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object())
    return std::nullopt;
  r.format = "JSON";
  if (j.contains("Code") && j["Code"].is_string())
    r.code = j["Code"].get<std::string>();
  return r;
}

}  // namespace

http::Exchange send_case(const spec::Operation& op, const Case& c, const std::string& url,
                         const Keys& keys, client::Transport& transport) {
  const auto& d = c.request.departure;
  client::SignOptions o;
  o.action = d.action.value_or(op.action);
  o.version = d.version.value_or(op.version);
  o.signature_version = c.request.signature == spec::SignatureScheme::kV3
                            ? client::SignatureVersion::kV3
                            : client::SignatureVersion::kV1;
  o.method = c.request.method;
  o.params_in = c.request.placement == "body"    ? client::ParamsIn::kBody
                : c.request.placement == "split" ? client::ParamsIn::kSplit
                                                 : client::ParamsIn::kQuery;
  o.format = c.request.signature == spec::SignatureScheme::kV1 ? c.request.format.value_or("") : "";
  if (d.timestamp)
    o.timestamp = d.timestamp;
  if (d.clock_offset_seconds) {
    o.timestamp = client::utc_timestamp(std::chrono::system_clock::now() +
                                        std::chrono::seconds(*d.clock_offset_seconds));
  }
  o.nonce = client::random_uuid();
  const bool edits = !d.drop.empty() || !d.set_after_signing.empty();
  if (edits && o.params_in != client::ParamsIn::kQuery)
    throw std::invalid_argument(c.id + ": edits after signing need placement query");

  const auto endpoint = client::parse_endpoint(url);
  const auto credentials = credentials_for(d, keys);
  auto request = client::build_request(endpoint, c.request.params, credentials, o);
  for (const auto& name : d.drop) {
    if (c.request.signature == spec::SignatureScheme::kV1)
      client::remove_query_param(request, name);
    else
      client::remove_header(request, name);
  }
  for (const auto& p : d.set_after_signing)
    client::set_query_param(request, p.name, p.value);
  if (d.reuse_nonce) {
    // The first use of the nonce, so that the judged request repeats it.
    transport.send(client::build_request(endpoint, c.request.params, credentials, o));
  }
  return transport.send(request);
}

std::optional<std::string> outside_the_set(const spec::Operation& op, const Case& c,
                                           const http::Exchange& answer) {
  if (answer.error)
    return "no answer: " + answer.error->message;
  if (c.expect == Expect::kOpen)
    return std::nullopt;
  const int status = answer.status;
  const auto got = "got " + std::to_string(status) + " " + answer.response_body;
  const auto body = read_body(answer.response_body);
  if (!body)
    return "the body is neither JSON nor XML; " + got;
  const auto format = expected_format(c);
  if (format && body->format != *format)
    return "asked for " + *format + ", the body is " + body->format + "; " + got;
  const auto content_type = http::find_header(answer.response_headers, "content-type");
  if (!content_type)
    return "no Content-Type; " + got;
  if (auto problem = media_type_problem(*content_type, body->format))
    return *problem;

  const bool success = status >= 200 && status < 300;
  if (body->format == "XML") {
    const std::string expected_root =
        success ? op.response.xml_root : op.protocol.error_body.xml_root;
    if (body->root != expected_root)
      return "XML root <" + body->root + ">, expected <" + expected_root + ">; " + got;
  }
  switch (c.expect) {
    case Expect::kSuccess:
      if (!success)
        return "expected success; " + got;
      return std::nullopt;
    case Expect::kError: {
      const spec::Answer actual{status, body->code};
      const bool inside = std::any_of(c.answers.begin(), c.answers.end(), [&](const auto& a) {
        return spec::answer_matches(a, actual);
      });
      if (!inside)
        return "answered " + std::to_string(status) + " " + body->code + ", outside the set; " +
               got;
      return std::nullopt;
    }
    case Expect::kClientError:
      if (status < 400 || status >= 500 || body->code.empty())
        return "expected a 4xx error; " + got;
      return std::nullopt;
    case Expect::kOpen:
      break;
  }
  return std::nullopt;
}

}  // namespace conform::oracle
