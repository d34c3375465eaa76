// Fuzz target mock_request: bytes as an HTTP/1.1 request stream into the mock's request parser,
// and every request it completes through the mock service (call reading, protocol checks with the
// signature, parameter and resource rules, bodies, control API) and the response writer.
//
// First byte (the selector):
//   bit 0 clear  raw mode: the rest is the byte stream as a client would send it;
//   bit 0 set    structured mode: the rest is "name=value&..." operation parameters that the
//                harness signs with the test key, so the fuzzer reaches the parameter rules
//                instead of stopping at the signature check; bit 1 V3 (else V1), bits 2-3 where
//                the parameters travel, bit 4 GET (else POST), bit 5 XML (else JSON);
//   bits 1-3     (raw mode) how the stream is cut into reads: one read, or pieces of 1, 2, 3...
// Properties: the parser gives the same requests in one read as in pieces; while no control
// request has changed the faults, every answer of the mock conforms to the spec's own shapes.
#include <algorithm>
#include <array>

#include "client/request_builder.h"
#include "core/sign/percent.h"
#include "core/text/ascii.h"
#include "core/validate/response_check.h"
#include "mock/fixtures.h"
#include "mock/http/request_parser.h"
#include "mock/http/response_writer.h"
#include "mock/key_store.h"
#include "mock/protocol_checks.h"
#include "mock/service.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/fuzz_targets.h"

namespace conform::fuzz {
namespace {

using mock::http::ReceivedRequest;
using mock::http::RequestParser;

// The mock's clock stands still at the time the signed seeds carry, so they stay valid forever.
constexpr const char* kFuzzTime = "2024-05-01T12:00:00Z";
constexpr const char* kFuzzNonce = "fuzz-nonce-0001";

// Small limits so the fuzzer reaches the 431/413 paths with inputs it can afford.
constexpr mock::http::ParserLimits kLimits{4096, 16384};

constexpr std::array<std::size_t, 8> kSteps = {0, 1, 2, 3, 7, 64, 500, 0};  // 0: one read

struct Parsed {
  std::vector<ReceivedRequest> requests;
  int error = 0;
};

// Feeds the way mock/http/connection.cpp does: whatever was not consumed is offered again,
// extended by the next read.
Parsed parse_stream(std::string_view wire, std::size_t step) {
  if (step == 0)
    step = std::max<std::size_t>(wire.size(), 1);
  Parsed out;
  RequestParser parser(kLimits);
  std::string buffer;
  std::size_t fed = 0;
  while (true) {
    while (!buffer.empty() || parser.head_complete()) {
      buffer.erase(0, parser.consume(buffer));
      const auto state = parser.state();
      if (state == RequestParser::State::kError) {
        out.error = parser.error_status();
        return out;
      }
      if (state != RequestParser::State::kComplete)
        break;
      out.requests.push_back(parser.take());
    }
    if (fed == wire.size())
      return out;
    const std::size_t n = std::min(step, wire.size() - fed);
    buffer.append(wire.substr(fed, n));
    fed += n;
  }
}

bool same_headers(const mock::http::Headers& a, const mock::http::Headers& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.name == y.name && x.value == y.value;
  });
}

bool same_request(const ReceivedRequest& a, const ReceivedRequest& b) {
  return a.method == b.method && a.target == b.target && a.path == b.path && a.query == b.query &&
         a.version == b.version && same_headers(a.headers, b.headers) &&
         same_headers(a.trailers, b.trailers) && a.body == b.body;
}

std::unique_ptr<mock::MockService> make_service(std::shared_ptr<const spec::Operation> op) {
  mock::KeyStore keys;
  keys.add(
      {std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret), std::nullopt});
  keys.add({"sts-key", "sts-secret", std::string("sts-token")});
  mock::ServiceOptions options;
  options.control_api = true;
  const mock::Clock::time_point now = *mock::parse_utc_timestamp(kFuzzTime);
  options.clock = [now] { return now; };
  auto fixtures = mock::default_fixtures(*op);
  return std::make_unique<mock::MockService>(std::move(op), std::move(fixtures), std::move(keys),
                                             std::move(options));
}

// The mock answers from the spec, so (without faults) its answers must pass the same checks the
// suites apply to a real endpoint.
void check_answer(const spec::Operation& op, const mock::http::Response& response) {
  validate::Observed observed;
  observed.http = response.status;
  observed.body = response.body;
  for (const auto& h : response.headers) {
    if (text::iequals(h.name, "Content-Type"))
      observed.content_type = h.value;
    if (text::iequals(h.name, op.protocol.request_id_header))
      observed.request_id_header = h.value;
  }
  std::string format;
  for (const auto& [name, accepted] : op.protocol.content_types) {
    if (validate::content_type_matches(op, name, observed.content_type))
      format = name;
  }
  require(!format.empty(), "the mock answered with a Content-Type of no format");
  if (response.status == op.response.http) {
    require(validate::check_success(op, format, observed).empty(),
            "the mock's success answer breaks the spec's response shape");
  } else {
    const auto reading = validate::read_error(op, format, observed);
    require(reading.answer.has_value(), "the mock's error answer has no readable code");
    require(reading.problems.empty(), "the mock's error answer breaks the spec's error shape");
  }
}

std::vector<int> serve(const std::vector<ReceivedRequest>& requests) {
  const auto op = real_operation();
  auto service = make_service(op);
  bool faults_may_be_set = false;
  std::vector<int> statuses;
  for (ReceivedRequest request : requests) {
    request.peer_ip = "127.0.0.1";
    request.peer_is_loopback = true;
    const bool control = request.path.rfind(mock::MockService::kControlPrefix, 0) == 0;
    faults_may_be_set = faults_may_be_set || control;
    const auto response = service->handle(request);
    if (!control && !faults_may_be_set)
      check_answer(*op, response);
    mock::http::ResponseContext context;
    context.head_request = request.method == "HEAD";
    context.http10 = request.version == "HTTP/1.0";
    const auto wire = mock::http::write_response(response, context);
    require(!wire.bytes.empty() || response.close_without_response,
            "the response writer produced nothing");
    statuses.push_back(response.status);
  }
  return statuses;
}

std::string wire_of(const client::Request& r) {
  std::string target = r.pathname;
  if (!r.query.empty())
    target += "?" + sign::encode_params(r.query);
  std::string out = r.method + " " + target + " HTTP/1.1\r\n";
  bool has_host = false;
  for (const auto& h : r.headers) {
    has_host = has_host || text::iequals(h.name, "Host");
    out += h.name + ": " + h.value + "\r\n";
  }
  if (!has_host)
    out += "Host: " + r.host + "\r\n";
  if (!r.body.empty() || r.method != "GET")
    out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  return out + "\r\n" + r.body;
}

}  // namespace

std::string signed_mock_request(std::uint8_t selector, std::string_view params_text) {
  const auto op = real_operation();
  client::SignOptions options;
  options.action = op->action;
  options.version = op->version;
  options.signature_version =
      (selector & 2) != 0 ? client::SignatureVersion::kV3 : client::SignatureVersion::kV1;
  static constexpr std::array<client::ParamsIn, 4> kWhere = {
      client::ParamsIn::kQuery, client::ParamsIn::kBody, client::ParamsIn::kSplit,
      client::ParamsIn::kQuery};
  options.params_in = kWhere[(selector >> 2) & 3];
  options.method = (selector & 16) != 0 ? "GET" : "POST";
  options.format = (selector & 32) != 0 ? "XML" : "JSON";
  options.timestamp = kFuzzTime;
  options.nonce = kFuzzNonce;
  const client::Credentials credentials{std::string(mock::kTestAccessKeyId),
                                        std::string(mock::kTestAccessKeySecret),
                                        std::nullopt,
                                        {}};
  // A parameter text with a malformed escape still says something: keep what precedes it.
  const auto params = sign::parse_params(params_text, sign::PlusIs::kSpace).params;
  try {
    return wire_of(client::build_request({"http", "127.0.0.1:8080"}, params, credentials, options));
  } catch (const std::invalid_argument&) {
    return "";  // e.g. GET with parameters in the body: not a request a client can build
  }
}

std::vector<int> mock_statuses(std::string_view wire) {
  return serve(parse_stream(wire, 0).requests);
}

int fuzz_mock_request(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  const std::uint8_t selector = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string wire =
      (selector & 1) != 0 ? signed_mock_request(selector, rest) : std::string(rest);

  const Parsed whole = parse_stream(wire, 0);
  const Parsed pieces = parse_stream(wire, kSteps[(selector >> 1) & 7]);
  require(whole.error == pieces.error && whole.requests.size() == pieces.requests.size() &&
              std::equal(whole.requests.begin(), whole.requests.end(), pieces.requests.begin(),
                         same_request),
          "the parser read the stream differently in pieces than in one read");
  serve(whole.requests);
  return 0;
}

}  // namespace conform::fuzz
