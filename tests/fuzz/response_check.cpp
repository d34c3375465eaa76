// Fuzz target response_check: bytes as a response body, in JSON or XML, through the checks the
// suites apply to an endpoint's answer (core/validate/response_check): parse_body, check_success
// against the real spec's response shape and read_error against its error shape.
//
// First byte (the selector): bit 0 XML (else JSON); bits 1-2 the status (the success status,
// 400, 404, 503); bit 3 the request-id header present; bit 4 the first line of the rest is the
// Content-Type (else the format's own). The rest is the body.
// Properties: a JSON body's string leaves come back as the same text, whatever they contain; and a
// JSON body parse_body reads without nlohmann (the plain bodies services send) reads the same as
// nlohmann reads it.
#include "core/validate/response_check.h"

#include <array>
#include <nlohmann/json.hpp>

#include "core/http/media_type.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/fuzz_targets.h"

namespace conform::fuzz {
namespace {

// Collects the string leaves of an object under the dotted paths check_success reports, unless a
// key holds a '.' (then two paths can name one place and the last one written wins).
bool string_leaves(const nlohmann::json& object, const std::string& prefix,
                   std::map<std::string, std::string>& out) {
  for (const auto& [key, value] : object.items()) {
    if (key.find('.') != std::string::npos)
      return false;
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    if (value.is_object() && !string_leaves(value, path, out))
      return false;
    if (value.is_string())
      out[path] = value.get<std::string>();
  }
  return true;
}

void check_string_leaves(const std::string& body, const validate::FieldValues& values) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  std::map<std::string, std::string> leaves;
  if (doc.is_discarded() || !doc.is_object() || !string_leaves(doc, "", leaves))
    return;
  for (const auto& [path, text] : leaves) {
    const auto it = values.find(path);
    require(it != values.end() && it->second == text,
            "a JSON string leaf did not come back as the same text");
  }
}

}  // namespace

int fuzz_response_check(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  const auto op = real_operation();
  const std::uint8_t selector = data[0];
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string format = (selector & 1) != 0 ? "XML" : "JSON";

  validate::Observed observed;
  const std::array<int, 4> statuses = {op->response.http, 400, 404, 503};
  observed.http = statuses[(selector >> 1) & 3];
  if ((selector & 8) != 0)
    observed.request_id_header = "9B9300FE-11E2-4E3B-949C-BED3B44DD26D";
  if ((selector & 16) != 0) {
    const auto nl = body.find('\n');
    observed.content_type = body.substr(0, nl);
    body = nl == std::string::npos ? "" : body.substr(nl + 1);
  } else {
    observed.content_type = op->protocol.content_types.at(format).front().text;
  }
  observed.body = body;

  const auto parsed_body = validate::parse_body(format, op->response.xml_root, body);
  const bool parsed = parsed_body.parsed;
  if (format == "JSON" && body.find('<') == std::string::npos) {
    // No '<': no DOCTYPE, which parse_body refuses before either reading.
    const auto general = validate::parse_json_body_with_nlohmann(body);
    require(general.parsed == parsed_body.parsed && general.values == parsed_body.values &&
                general.problems.size() == parsed_body.problems.size(),
            "parse_body's plain JSON reading differs from nlohmann's");
  }
  validate::FieldValues values;
  validate::check_success(*op, format, observed, &values);
  if (format == "JSON" && parsed)
    check_string_leaves(body, values);
  validate::read_error(*op, format, observed);
  for (const auto& [name, accepted] : op->protocol.content_types)
    validate::content_type_problem(*op, name, observed.content_type);
  http::parse_media_type(observed.content_type);
  return 0;
}

}  // namespace conform::fuzz
