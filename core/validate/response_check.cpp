#include "core/validate/response_check.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <regex>
#include <string_view>
#include <vector>

#include "core/http/media_type.h"
#include "core/text/ascii.h"
#include "core/validate/plain_json.h"
#include "core/validate/value_tags.h"

namespace conform::validate {
namespace {

constexpr int kMaxDepth = 64;

bool flatten_json(const nlohmann::json& j, const std::string& prefix, int depth, FieldValues& out,
                  std::vector<Problem>& problems) {
  if (depth > kMaxDepth) {
    problems.push_back(
        {"body-syntax", "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels"});
    return false;
  }
  for (const auto& [key, value] : j.items()) {
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    if (value.is_object()) {
      out[path] = kObject;
      if (!flatten_json(value, path, depth + 1, out, problems))
        return false;
    } else if (value.is_string()) {
      out[path] = leaf_text(value.get<std::string>());
    } else {
      // Type tags let the field check tell "1" from 1; the text after the tag is the value.
      out[path] = tagged(value.type_name(), value.dump());
    }
  }
  return true;
}

bool flatten_xml(const pugi::xml_node& node, const std::string& prefix, int depth, FieldValues& out,
                 std::vector<Problem>& problems) {
  if (depth > kMaxDepth) {
    problems.push_back(
        {"body-syntax", "XML nested deeper than " + std::to_string(kMaxDepth) + " levels"});
    return false;
  }
  for (auto child : node.children()) {
    if (child.type() != pugi::node_element)
      continue;
    const std::string path = prefix.empty() ? child.name() : prefix + "." + child.name();
    if (child.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; })) {
      out[path] = kObject;
      if (!flatten_xml(child, path, depth + 1, out, problems))
        return false;
    } else {
      out[path] = leaf_text(child.text().get());
    }
  }
  return true;
}

bool has_doctype(std::string_view body) {
  static constexpr std::string_view kDoctype = "<!doctype";
  return text::ifind(body, kDoctype) != std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= text.size())
        return false;
      const auto d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

std::optional<std::string> type_of_value(const std::string& value) {
  if (value.empty() || value[0] != kTag)
    return std::nullopt;  // a string (JSON) or text (XML)
  std::string type = value.substr(1, value.find(':') - 1);
  if (type == "string")
    return std::nullopt;
  return type;
}

std::string text_of(const std::string& value) {
  if (!value.empty() && value[0] == kTag)
    return value.substr(value.find(':') + 1);
  return value;
}

// 8-4-4-4-12 hex digits, either case. By hand: std::regex took ~3 k instructions a RequestId, and
// every answer has one.
bool is_uuid(std::string_view text) {
  if (text.size() != 36)
    return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool hyphen_here = i == 8 || i == 13 || i == 18 || i == 23;
    if (hyphen_here ? text[i] != '-' : text::hex_value(text[i]) < 0)
      return false;
  }
  return true;
}

void check_fields(const std::vector<spec::Field>& fields, const std::string& prefix,
                  const std::string& format, const FieldValues& values,
                  std::vector<Problem>& problems) {
  for (const auto& f : fields) {
    const std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
    const auto it = values.find(path);
    if (it == values.end()) {
      if (f.required)
        problems.push_back({"field-missing", path + " is missing"});
      continue;
    }
    const auto tag = type_of_value(it->second);
    const std::string text = text_of(it->second);
    const bool xml = format == "XML";  // XML carries no types: every leaf is text
    switch (f.type) {
      case spec::FieldType::kObject:
        // An empty XML element (<Name/>) is also an object with no members present.
        if (tag != "object" && !(xml && !tag && text.empty()))
          problems.push_back({"field-type", path + " should be an object"});
        check_fields(f.fields, path, format, values, problems);
        continue;
      case spec::FieldType::kString:
        if (tag)
          problems.push_back(
              {"field-type", path + " should be a string, found " + *tag + " " + text});
        break;
      case spec::FieldType::kInteger: {
        // Compiled once: this runs for every integer field of every XML answer.
        static const std::regex kInteger("^-?[0-9]+$");
        if (xml ? !std::regex_match(text, kInteger) : tag != "number") {
          problems.push_back({"field-type", path + " should be an integer, found " + text});
        }
        break;
      }
      case spec::FieldType::kBoolean:
        if (xml ? (text != "true" && text != "false") : tag != "boolean") {
          problems.push_back({"field-type", path + " should be a boolean, found " + text});
        }
        break;
    }
    if (f.format == "uuid" && !is_uuid(text)) {
      problems.push_back({"field-format", path + " should be a UUID, found \"" + text + "\""});
    }
    if (f.compiled_pattern && !std::regex_match(text, *f.compiled_pattern)) {
      problems.push_back({"field-format", path + " \"" + text + "\" does not match " + *f.pattern});
    }
    if (f.min_length && text.size() < *f.min_length) {
      problems.push_back(
          {"field-format", path + " is shorter than " + std::to_string(*f.min_length)});
    }
  }
}

std::optional<std::string> field_with_role(const std::vector<spec::Field>& fields,
                                           const std::string& role) {
  for (const auto& f : fields) {
    if (f.value == role)
      return f.name;
  }
  return std::nullopt;
}

void check_request_id(const spec::Operation& op, const std::vector<spec::Field>& fields,
                      const FieldValues& values, const Observed& observed,
                      std::vector<Problem>& problems) {
  const auto name = field_with_role(fields, "request-id");
  if (!name || !observed.request_id_header)
    return;
  if (!is_valid_utf8(*observed.request_id_header)) {
    problems.push_back(
        {"request-id", "the " + op.protocol.request_id_header + " header is not valid UTF-8"});
    return;
  }
  const auto it = values.find(*name);
  if (it != values.end() && text_of(it->second) != *observed.request_id_header) {
    problems.push_back({"request-id", *name + " \"" + text_of(it->second) + "\" differs from the " +
                                          op.protocol.request_id_header + " header \"" +
                                          *observed.request_id_header + "\""});
  }
}

}  // namespace

std::optional<std::string> content_type_problem(const spec::Operation& op,
                                                const std::string& format,
                                                const std::string& content_type) {
  const auto it = op.protocol.content_types.find(format);
  if (it == op.protocol.content_types.end())
    return "the protocol gives no Content-Type for " + format;
  // Written only when there is a problem: most answers have none, and every answer is checked.
  const auto problem = [&](const std::string& what) {
    std::string accepted;
    for (const auto& m : it->second)
      accepted += (accepted.empty() ? "" : ", ") + m.text;
    return "Content-Type \"" + content_type + "\" for " + format + ": " + what +
           " (accepted: " + accepted + ")";
  };
  if (content_type.empty())
    return problem("absent");
  // Most answers carry one of the documented texts byte for byte: it parses as that one does, so
  // only its charset is left to check.
  const bool verbatim = std::any_of(it->second.begin(), it->second.end(),
                                    [&](const auto& m) { return m.text == content_type; });
  const auto observed = http::parse_media_type(content_type);
  if (!observed.value)
    return problem("not a media type, " + observed.error);
  const bool listed =
      verbatim || std::any_of(it->second.begin(), it->second.end(), [&](const auto& m) {
        const auto documented = http::parse_media_type(m.text);  // the loader checked it parses
        return documented.value && http::same_essence(*documented.value, *observed.value);
      });
  if (!listed)
    return problem(observed.value->type + "/" + observed.value->subtype + " is not listed");
  if (const auto charset = observed.value->parameter("charset");
      charset && !http::names_utf8(*charset))
    return problem("charset " + *charset + " is not UTF-8");
  return std::nullopt;
}

bool content_type_matches(const spec::Operation& op, const std::string& format,
                          const std::string& content_type) {
  return !content_type_problem(op, format, content_type);
}

ParsedBody parse_body(const std::string& format, const std::string& xml_root,
                      const std::string& body) {
  ParsedBody out;
  // A DTD has no place in an answer, and its entities are how XML bombs (billion laughs) expand;
  // pugixml would leave them unexpanded, but the finding is the DTD itself, in either format.
  if (const auto first = body.find_first_not_of(" \t\r\n");
      first != std::string::npos && body[first] == '<' && has_doctype(body)) {
    out.problems.push_back({"body-syntax",
                            "XML: DOCTYPE refused (a response carries no DTD; its entities are "
                            "never expanded)"});
    return out;
  }
  if (format == "XML") {
    pugi::xml_document doc;
    const auto result =
        doc.load_buffer(body.data(), body.size(), pugi::parse_default & ~pugi::parse_doctype);
    if (!result) {
      out.problems.push_back({"body-syntax", std::string("not XML: ") + result.description() +
                                                 " at byte " + std::to_string(result.offset)});
      return out;
    }
    const auto root = doc.document_element();
    if (std::string(root.name()) != xml_root) {
      out.problems.push_back({"body-root", "root element is <" + std::string(root.name()) +
                                               ">, expected <" + xml_root + ">"});
      return out;
    }
    out.parsed = flatten_xml(root, "", 0, out.values, out.problems);
    return out;
  }
  if (read_plain_json(body, out.values)) {
    out.parsed = true;
    return out;
  }
  return parse_json_body_with_nlohmann(body);
}

ParsedBody parse_json_body_with_nlohmann(const std::string& body) {
  ParsedBody out;
  // Depth is limited while parsing, before any recursion of ours can be reached; the parse stops at
  // the first level too deep instead of scanning the rest of a bomb.
  struct TooDeep {};
  auto limit = [](int d, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (d > kMaxDepth)
      throw TooDeep{};
    return true;
  };
  nlohmann::json j;
  std::string syntax_error;
  try {
    j = nlohmann::json::parse(body, limit, true);
  } catch (const nlohmann::json::parse_error& e) {
    syntax_error = e.what();
  } catch (const nlohmann::json::exception& e) {
    syntax_error = e.what();  // out_of_range: a number beyond double ("1e400"), found by fuzzing
  } catch (const TooDeep&) {
    out.problems.push_back(
        {"body-syntax", "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels"});
    return out;
  }
  if (!syntax_error.empty() || j.is_discarded() || !j.is_object()) {
    // nlohmann's message says where and why ("invalid string: ill-formed UTF-8 byte",
    // "unexpected end of input"), which is what a reader needs to find the fault.
    out.problems.push_back({"body-syntax", !syntax_error.empty() ? "not JSON: " + syntax_error
                                           : j.is_discarded()    ? "not JSON"
                                                                 : "JSON body is not an object"});
    return out;
  }
  out.parsed = flatten_json(j, "", 0, out.values, out.problems);
  return out;
}

std::vector<Problem> check_success(const spec::Operation& op, const std::string& format,
                                   const Observed& observed, FieldValues* values) {
  std::vector<Problem> problems;
  if (observed.http != op.response.http) {
    problems.push_back({"status", "HTTP " + std::to_string(observed.http) + ", expected " +
                                      std::to_string(op.response.http)});
  }
  if (auto problem = content_type_problem(op, format, observed.content_type))
    problems.push_back({"content-type", *std::move(problem)});
  auto parsed = parse_body(format, op.response.xml_root, observed.body);
  problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
  if (!parsed.parsed)
    return problems;
  check_fields(op.response.fields, "", format, parsed.values, problems);
  check_request_id(op, op.response.fields, parsed.values, observed, problems);
  if (values) {
    for (const auto& [k, v] : parsed.values)
      (*values)[k] = text_of(v);
  }
  return problems;
}

ErrorReading read_error(const spec::Operation& op, const std::string& format,
                        const Observed& observed) {
  ErrorReading out;
  const auto& body_spec = op.protocol.error_body;
  if (auto problem = content_type_problem(op, format, observed.content_type))
    out.problems.push_back({"content-type", *std::move(problem)});
  auto parsed = parse_body(format, body_spec.xml_root, observed.body);
  if (!parsed.parsed && format == "XML") {
    // A server that ignores Format may still answer in JSON; read the code anyway, the
    // content-type problem above already says what is wrong. A body that is JSON and fails as
    // JSON is reported by its JSON problem, which names the fault, not by "not XML".
    auto fallback = parse_body("JSON", body_spec.xml_root, observed.body);
    const auto first = observed.body.find_first_not_of(" \t\r\n");
    if (fallback.parsed || (first != std::string::npos &&
                            (observed.body[first] == '{' || observed.body[first] == '[')))
      parsed = fallback;
  }
  out.problems.insert(out.problems.end(), parsed.problems.begin(), parsed.problems.end());
  if (!parsed.parsed)
    return out;
  check_fields(body_spec.fields, "", format, parsed.values, out.problems);
  check_request_id(op, body_spec.fields, parsed.values, observed, out.problems);
  if (const auto code_field = field_with_role(body_spec.fields, "code")) {
    if (auto it = parsed.values.find(*code_field); it != parsed.values.end()) {
      out.answer = spec::Answer{observed.http, text_of(it->second)};
    }
  }
  if (const auto message_field = field_with_role(body_spec.fields, "message")) {
    if (auto it = parsed.values.find(*message_field); it != parsed.values.end())
      out.message = text_of(it->second);
  }
  return out;
}

}  // namespace conform::validate
