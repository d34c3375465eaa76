#include "mock/bodies.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "core/sign/percent.h"
#include "core/text/ascii.h"
#include "core/text/json_plain.h"

namespace conform::mock {
namespace {

std::string role_value(const std::string& role, const ProtocolValues& p) {
  if (role == "request-id")
    return p.request_id;
  if (role == "host")
    return p.host;
  if (role == "code")
    return p.code;
  if (role == "message")
    return p.message;
  if (role == "recommend")
    return p.recommend;
  return "";
}

std::string replace_all(std::string text, const std::string& key, const std::string& value) {
  for (auto pos = text.find(key); pos != std::string::npos;
       pos = text.find(key, pos + value.size())) {
    text.replace(pos, key.size(), value);
  }
  return text;
}

// A field's value as text, or nullopt to leave the field out.
std::optional<std::string> value_of(const spec::Field& f, const std::string& path,
                                    const ProtocolValues& p,
                                    const std::map<std::string, std::string>& values) {
  if (f.value) {
    auto v = role_value(*f.value, p);
    if (v.empty() && !f.required)
      return std::nullopt;
    return v;
  }
  if (auto it = values.find(path); it != values.end())
    return it->second;
  if (f.example)
    return *f.example;
  // An optional field with nothing to say is still answered, with its type's plainest value: the
  // service fills its fields, and a client's model reads what it is given (an SDK that is never
  // sent TotalCount is never shown to read one).
  return std::string(f.type == spec::FieldType::kInteger   ? "0"
                     : f.type == spec::FieldType::kBoolean ? "false"
                                                           : "");
}

nlohmann::ordered_json to_json(const std::vector<spec::Field>& fields, const std::string& prefix,
                               const ProtocolValues& p,
                               const std::map<std::string, std::string>& values,
                               const std::set<std::string>& drop) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& f : fields) {
    const std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
    if (drop.count(path))
      continue;
    if (f.type == spec::FieldType::kObject) {
      out[f.name] = to_json(f.fields, path, p, values, drop);
      continue;
    }
    const auto v = value_of(f, path, p, values);
    if (!v)
      continue;
    if (f.type == spec::FieldType::kInteger) {
      out[f.name] = nlohmann::ordered_json::parse(*v, nullptr, false).is_number_integer()
                        ? nlohmann::ordered_json::parse(*v)
                        : nlohmann::ordered_json(*v);
    } else if (f.type == spec::FieldType::kBoolean) {
      out[f.name] = *v == "true";
    } else {
      out[f.name] = *v;
    }
  }
  return out;
}

// Printable ASCII without a quote or a backslash: JSON text that nlohmann writes unescaped.
bool plain_text(std::string_view text) {
  return std::all_of(text.begin(), text.end(), text::json_plain);
}

// An integer nlohmann reads as one and writes back byte for byte: "0", or up to 18 digits without
// a leading zero, negative or not. Anything else ("007", " 5", "-0", 1e3) it reads otherwise.
bool plain_integer(std::string_view text) {
  const bool negative = text.starts_with('-');
  if (negative)
    text.remove_prefix(1);
  if (text.empty() || text.size() > 18 || (text.front() == '0' && text.size() > 1))
    return false;
  if (text == "0")
    return !negative;  // nlohmann writes -0 back as 0
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What to_json(...).dump() writes, written directly, when every name and value is plain (above)
// and no name repeats at a level; false, with `out` to be discarded, otherwise. nlohmann's
// serializer and the tree built for it were a tenth of the mock's time for a call.
bool write_plain_json(const std::vector<spec::Field>& fields, const std::string& prefix,
                      const ProtocolValues& p, const std::map<std::string, std::string>& values,
                      const std::set<std::string>& drop, std::string& out) {
  out += '{';
  bool first = true;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& f = fields[i];
    // A name given twice keeps its first place and its last value in to_json.
    for (std::size_t j = 0; j < i; ++j) {
      if (fields[j].name == f.name)
        return false;
    }
    if (!plain_text(f.name))
      return false;
    const std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
    if (drop.count(path))
      continue;
    std::optional<std::string> v;
    if (f.type != spec::FieldType::kObject) {
      v = value_of(f, path, p, values);
      if (!v)
        continue;
    }
    out += first ? "\"" : ",\"";
    first = false;
    out += f.name;
    out += "\":";
    if (f.type == spec::FieldType::kObject) {
      if (!write_plain_json(f.fields, path, p, values, drop, out))
        return false;
    } else if (f.type == spec::FieldType::kBoolean) {
      out += *v == "true" ? "true" : "false";
    } else if (f.type == spec::FieldType::kInteger && plain_integer(*v)) {
      out += *v;
    } else if (f.type != spec::FieldType::kInteger && plain_text(*v)) {
      out += '"';
      out += *v;
      out += '"';
    } else {
      return false;
    }
  }
  out += '}';
  return true;
}

void to_xml(pugi::xml_node parent, const std::vector<spec::Field>& fields,
            const std::string& prefix, const ProtocolValues& p,
            const std::map<std::string, std::string>& values, const std::set<std::string>& drop) {
  for (const auto& f : fields) {
    const std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
    if (drop.count(path))
      continue;
    if (f.type == spec::FieldType::kObject) {
      to_xml(parent.append_child(f.name.c_str()), f.fields, path, p, values, drop);
      continue;
    }
    if (const auto v = value_of(f, path, p, values)) {
      parent.append_child(f.name.c_str()).text().set(v->c_str());
    }
  }
}

Body render(const spec::Operation& op, const std::string& format, const std::string& xml_root,
            const std::vector<spec::Field>& fields, const ProtocolValues& p,
            const std::map<std::string, std::string>& values, const std::set<std::string>& drop) {
  Body body;
  body.content_type = op.protocol.content_types.at(format).front().text;
  if (format == "XML") {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    to_xml(doc.append_child(xml_root.c_str()), fields, "", p, values, drop);
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw);
    body.text = out.str();
  } else {
    // Values echo the request (the Host header's obs-text, parameters in messages), which may be
    // invalid UTF-8: replace those bytes rather than let nlohmann throw and the mock answer 500.
    if (!write_plain_json(fields, "", p, values, drop, body.text)) {
      body.text = to_json(fields, "", p, values, drop)
                      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  return body;
}

}  // namespace

std::string make_request_id(std::mt19937_64& random) {
  // Sixteen nibbles a draw: a draw per nibble cost a tenth of answering a call.
  std::uint64_t bits = 0;
  std::string id;
  id.reserve(36);
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20)
      id += '-';
    if (i % 16 == 0)
      bits = random();
    auto nibble = static_cast<unsigned>(bits & 0xF);
    bits >>= 4;
    if (i == 12)
      nibble = 4;  // version 4
    if (i == 16)
      nibble = 8 | (nibble & 0x3);  // RFC 4122 variant
    id += text::hex_digit_upper(nibble);
  }
  return id;
}

std::map<std::string, std::string> generate_values(const spec::Operation& op,
                                                   std::mt19937_64& random) {
  std::map<std::string, std::string> out;
  std::function<void(const std::vector<spec::Field>&, const std::string&)> walk =
      [&](const std::vector<spec::Field>& fields, const std::string& prefix) {
        for (const auto& f : fields) {
          const std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
          walk(f.fields, path);
          if (!f.generate)
            continue;
          if (*f.generate == "uuid") {
            out[path] = make_request_id(random);
          } else if (f.generate->rfind("digits:", 0) == 0) {
            const auto n = std::stoul(f.generate->substr(7));
            std::string digits(1, static_cast<char>('1' + random() % 9));  // no leading zero
            while (digits.size() < n)
              digits += static_cast<char>('0' + random() % 10);
            out[path] = digits;
          }
        }
      };
  walk(op.response.fields, "");
  return out;
}

std::string recommend_link(const spec::Operation& op, const std::string& code,
                           const std::string& request_id) {
  std::string link = op.protocol.recommend_template;
  link = replace_all(link, "{code}", sign::percent_encode(code));
  link = replace_all(link, "{product}", sign::percent_encode(op.product));
  return replace_all(link, "{request_id}", request_id);
}

Body render_success(const spec::Operation& op, const std::string& format,
                    const ProtocolValues& protocol,
                    const std::map<std::string, std::string>& values,
                    const std::set<std::string>& drop) {
  return render(op, format, op.response.xml_root, op.response.fields, protocol, values, drop);
}

Body render_error(const spec::Operation& op, const std::string& format,
                  const ProtocolValues& protocol) {
  return render(op, format, op.protocol.error_body.xml_root, op.protocol.error_body.fields,
                protocol, {}, {});
}

}  // namespace conform::mock
