#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/spec/model.h"

// Checks what an endpoint answered against the spec's response shapes. Pure functions over the
// status, headers and body text, so the suites, the fuzzers and the reports share one judgement.
namespace conform::validate {

/// What came back, as the checks need it.
struct Observed {
  int http = 0;
  std::string content_type;                      // the Content-Type header, "" when absent
  std::optional<std::string> request_id_header;  // the protocol's request-id header
  std::string body;
};

/// One way the answer breaks the contract.
struct Problem {
  std::string
      check;  // "content-type", "body-syntax", "field-missing", "field-type", "field-format", ...
  std::string message;
};

/// The fields of a body, flattened to dotted paths ("Data.Id"), with their text.
using FieldValues = std::map<std::string, std::string>;

/// A body parsed in the format its request asked for; `problems` say what did not parse.
struct ParsedBody {
  bool parsed = false;
  FieldValues values;
  std::vector<Problem> problems;
};

/// Parses a JSON or XML body (XML: the root element must be `xml_root`). Nesting deeper than 64
/// levels and bodies that are not one JSON object or one XML element are problems, not crashes.
ParsedBody parse_body(const std::string& format, const std::string& xml_root,
                      const std::string& body);

/// parse_body for a JSON body (no DOCTYPE) read by nlohmann whatever it holds. parse_body reads
/// the plain bodies services usually send without it, and must find the same: tests and the
/// response_check fuzzer compare the two.
ParsedBody parse_json_body_with_nlohmann(const std::string& body);

/// Checks a success answer: the status, the Content-Type for the format, every field of the
/// spec's response shape (presence, type, format, pattern, length), the request-id header.
std::vector<Problem> check_success(const spec::Operation& op, const std::string& format,
                                   const Observed& observed, FieldValues* values = nullptr);

/// An error answer read as {http, code}, with the problems of its body: Content-Type, every field
/// of the protocol's error body, a RequestId equal to the request-id header when present.
struct ErrorReading {
  std::optional<spec::Answer> answer;  // nullopt when no code could be read
  std::string message;
  std::vector<Problem> problems;
};
ErrorReading read_error(const spec::Operation& op, const std::string& format,
                        const Observed& observed);

/// Why a Content-Type is not accepted for a format, nullopt when it is. It is read as a media
/// type (core/http/media_type.h): its type/subtype must be one the protocol lists for the format,
/// in any case and with any parameters, and a charset, when present, must name UTF-8.
std::optional<std::string> content_type_problem(const spec::Operation& op,
                                                const std::string& format,
                                                const std::string& content_type);

/// content_type_problem found nothing.
bool content_type_matches(const spec::Operation& op, const std::string& format,
                          const std::string& content_type);

}  // namespace conform::validate
