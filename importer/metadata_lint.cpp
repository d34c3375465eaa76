#include "importer/metadata_lint.h"

#include <unistd.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/json/parse.h"
#include "core/spec/overlay.h"

namespace conform::importer {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string lower(std::string s) {
  for (auto& c : s)
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

std::string trim(const std::string& s) {
  const auto start = s.find_first_not_of(" \t\r");
  if (start == std::string::npos)
    return "";
  return s.substr(start, s.find_last_not_of(" \t\r") - start + 1);
}

std::string collapse(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' '))
      continue;
    out += space ? ' ' : c;
  }
  return trim(out);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items)
    out += (out.empty() ? "" : ", ") + i;
  return out;
}

// The "Valid values" sentence of a description: its line and the list that follows it.
struct ValidValues {
  std::string sentence;             // whitespace collapsed, as quoted
  std::vector<std::string> values;  // the bold value opening each list item, or inline ones
  std::optional<std::int64_t> minimum;
  std::optional<std::int64_t> maximum;
};

std::optional<ValidValues> valid_values(const std::string& description) {
  static const std::regex opening("valid values?", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(description, m, opening))
    return std::nullopt;
  const auto start = static_cast<std::size_t>(m.position(0));
  const auto line_end = description.find('\n', start);
  const std::string first = description.substr(start, line_end - start);
  std::vector<std::string> items;
  std::size_t pos = line_end;
  while (pos != std::string::npos && pos < description.size()) {
    const auto next = description.find('\n', pos + 1);
    const std::string line = trim(description.substr(pos + 1, next - pos - 1));
    if (!line.empty() && line[0] != '*' && line[0] != '-')
      break;
    if (!line.empty())
      items.push_back(line);
    pos = next;
  }
  ValidValues out;
  std::string text = first;
  for (const auto& i : items)
    text += "\n" + i;
  out.sentence = collapse(text);
  static const std::regex bold("\\*\\*([^*]+)\\*\\*");
  const auto add = [&](const std::string& v) {
    const std::string value = trim(v);
    if (!value.empty() &&
        std::find(out.values.begin(), out.values.end(), value) == out.values.end())
      out.values.push_back(value);
  };
  if (items.empty()) {
    for (auto it = std::sregex_iterator(first.begin(), first.end(), bold);
         it != std::sregex_iterator(); ++it)
      add((*it)[1]);
  }
  for (const auto& item : items) {
    const std::string body = trim(item.substr(1));
    if (std::regex_search(body, m, bold) && m.position(0) == 0)
      add(m[1]);
  }
  std::string plain = std::regex_replace(out.sentence, std::regex("\\*\\*"), "");
  static const std::regex range("(-?[0-9]{1,12}) to (-?[0-9]{1,12})");
  if (std::regex_search(plain, m, range)) {
    out.minimum = std::stoll(m[1]);
    out.maximum = std::stoll(m[2]);
  }
  if (out.values.empty() && !out.minimum)
    return std::nullopt;
  return out;
}

std::string quote(const std::string& sentence) {
  constexpr std::size_t kLongest = 200;
  if (sentence.size() <= kLongest)
    return "\"" + sentence + "\"";
  return "\"" + sentence.substr(0, kLongest) + " ...\"";
}

// The operation document as written by hand: an overlay's own members, or a whole spec with no
// "imported" block. Null for a spec an import wrote.
nlohmann::json hand_written(const std::string& path) {
  nlohmann::json doc;
  try {
    doc = conform::json::read_file_strict(path);
  } catch (const conform::json::ParseError&) {
    return nullptr;
  }
  if (spec::is_overlay(doc) || !doc.contains("imported"))
    return doc;
  return nullptr;
}

// The committed import a spec rests on: an overlay's base, or the spec itself when imported.
std::optional<std::string> committed_import(const std::string& path) {
  nlohmann::json doc;
  try {
    doc = conform::json::read_file_strict(path);
  } catch (const conform::json::ParseError&) {
    return std::nullopt;
  }
  if (spec::is_overlay(doc))
    return spec::base_path_of(doc, path);
  if (doc.contains("imported"))
    return path;
  return std::nullopt;
}

const Json* entry_named(const Json& array, const char* key, const std::string& name) {
  if (!array.is_array())
    return nullptr;
  for (const auto& e : array) {
    if (e.is_object() && e.contains(key) && e[key] == name)
      return &e;
  }
  return nullptr;
}

}  // namespace

MetadataLint::MetadataLint(const std::string& file, const std::string& common_file,
                           const std::vector<std::string>& actions)
    : file_(file) {
  try {
    root_ = conform::json::read_file_strict(file, 256u << 20);
  } catch (const conform::json::ParseError& e) {
    throw MalformedInput(file, e.where, e.what());
  }
  if (!root_.is_object() || !root_.contains("apis") || !root_["apis"].is_object())
    throw MalformedInput(file, "/apis", "no \"apis\" object");
  std::vector<std::string> known;
  for (const auto& a : actions) {
    if (root_["apis"].contains(a))
      known.push_back(a);
  }
  fresh_dir_ = fs::temp_directory_path() / ("conform-lint-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(fresh_dir_, ec);
  if (!known.empty())
    import_api_docs({file, (fresh_dir_ / "import").string(), common_file, known});
}

MetadataLint::~MetadataLint() {
  std::error_code ec;
  fs::remove_all(fresh_dir_, ec);
}

bool MetadataLint::describes(const spec::Operation& op) const {
  return api_of(op) != nullptr;
}

const Json* MetadataLint::api_of(const spec::Operation& op) const {
  const auto& info = root_.value("info", Json::object());
  if (info.value("product", "") != op.product || info.value("version", "") != op.version)
    return nullptr;
  const auto it = root_["apis"].find(op.action);
  return it == root_["apis"].end() ? nullptr : &*it;
}

fs::path MetadataLint::fresh_spec_of(const spec::Operation& op) const {
  return fresh_dir_ / "import" / lower(op.product) / op.version / (op.action + ".json");
}

std::vector<spec::Finding> MetadataLint::drift(const std::string& path,
                                               const spec::Operation& op) const {
  std::vector<spec::Finding> out;
  const Json* api = api_of(op);
  if (!api)
    return out;
  const std::string at = "/apis/" + op.action;
  const fs::path fresh = fresh_spec_of(op);
  if (const auto committed = committed_import(path)) {
    if (!fs::exists(fresh)) {
      out.push_back({"stale-import",
                     *committed,
                     "/",
                     "a fresh import of " + file_ + " writes no spec for " + op.action,
                     {"see the import's summary for the reason"}});
    } else if (read_bytes(*committed) != read_bytes(fresh)) {
      out.push_back({"stale-import",
                     *committed,
                     "/",
                     op.action + ": the committed import differs from a fresh import of " + file_,
                     {"import again: conform import api-docs " + file_ + " --out DIR"}});
    }
  }

  std::set<std::string> meta_params;
  const Json& params = api->value("parameters", Json::array());
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string name = params[i].value("name", "");
    meta_params.insert(name);
    const bool in_spec = std::any_of(op.parameters.begin(), op.parameters.end(),
                                     [&](const spec::Parameter& p) { return p.name == name; }) ||
                         std::any_of(op.common_parameters.begin(), op.common_parameters.end(),
                                     [&](const spec::Parameter& p) { return p.name == name; });
    if (!in_spec) {
      out.push_back({"drift-parameter",
                     file_,
                     at + "/parameters/" + std::to_string(i),
                     op.action + ": the metadata's parameter " + name + " is not in the spec",
                     {"an overlay drops an imported fact with \"drop\" and a reason"}});
    }
  }
  std::set<std::string> meta_codes;
  const Json codes = api->value("errorCodes", Json::object());
  for (const auto& [status, list] : codes.items()) {
    for (std::size_t i = 0; list.is_array() && i < list.size(); ++i) {
      const std::string code = list[i].value("errorCode", "");
      meta_codes.insert(code);
      const bool in_spec = std::any_of(op.errors.begin(), op.errors.end(),
                                       [&](const spec::ErrorCode& e) { return e.code == code; });
      if (!in_spec && !code.empty()) {
        out.push_back({"drift-error-code",
                       file_,
                       at + "/errorCodes/" + status + "/" + std::to_string(i),
                       op.action + ": the metadata's error code " + code + " (HTTP " + status +
                           ") is not in the spec",
                       {}});
      }
    }
  }

  const nlohmann::json own = hand_written(path);
  if (own.is_null())
    return out;
  Json fresh_doc;
  if (fs::exists(fresh))
    fresh_doc = conform::json::read_file_strict(fresh.string());
  const Json fresh_params = fresh_doc.value("parameters", Json::array());
  const auto& own_params = own.value("parameters", nlohmann::json::array());
  for (std::size_t i = 0; i < own_params.size(); ++i) {
    const std::string name = own_params[i].value("name", "");
    const std::string pointer = "/parameters/" + std::to_string(i);
    const auto* p = op.find_parameter(name);
    if (!meta_params.count(name) && !(p && p->common)) {
      out.push_back({"drift-parameter",
                     path,
                     pointer,
                     op.action + ": " + name + " is not a parameter in the metadata",
                     {"sources: " + (p ? join(p->sources) : std::string("-"))}});
      continue;
    }
    const Json* imported = entry_named(fresh_params, "name", name);
    if (imported && own_params[i].contains("type") && imported->contains("type") &&
        own_params[i]["type"] != (*imported)["type"]) {
      out.push_back({"drift-type",
                     path,
                     pointer + "/type",
                     op.action + ": " + name + " is " + own_params[i]["type"].get<std::string>() +
                         " here and " + (*imported)["type"].get<std::string>() + " in the metadata",
                     {imported->value("from", "")}});
    }
  }
  const auto& own_errors = own.value("errors", nlohmann::json::array());
  for (std::size_t i = 0; i < own_errors.size(); ++i) {
    const std::string code = own_errors[i].value("code", "");
    if (meta_codes.count(code))
      continue;
    const auto e = std::find_if(op.errors.begin(), op.errors.end(),
                                [&](const spec::ErrorCode& x) { return x.code == code; });
    if (e != op.errors.end() && e->common)
      continue;
    out.push_back(
        {"drift-error-code",
         path,
         "/errors/" + std::to_string(i),
         op.action + ": " + code + " is not an error code of the operation in the metadata",
         {"sources: " + (e != op.errors.end() ? join(e->sources) : std::string("-"))}});
  }
  return out;
}

std::vector<spec::Finding> MetadataLint::hints(const spec::Operation& op) const {
  std::vector<spec::Finding> out;
  const Json* api = api_of(op);
  if (!api)
    return out;
  const Json& params = api->value("parameters", Json::array());
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Json& schema = params[i].value("schema", Json::object());
    const auto stated = valid_values(schema.value("description", ""));
    if (!stated)
      continue;
    const std::string name = params[i].value("name", "");
    const auto p = std::find_if(op.parameters.begin(), op.parameters.end(),
                                [&](const spec::Parameter& x) { return x.name == name; });
    if (p == op.parameters.end() || p->type == spec::ValueType::kBoolean)
      continue;
    const std::string pointer =
        "/apis/" + op.action + "/parameters/" + std::to_string(i) + "/schema/description";
    const bool has_range = p->minimum || p->maximum || !p->conditional.empty();
    if (p->type == spec::ValueType::kInteger && stated->minimum && !has_range) {
      out.push_back({"hint-range",
                     file_,
                     pointer,
                     op.action + ": " + name + ": the description states " +
                         std::to_string(*stated->minimum) + ".." +
                         std::to_string(*stated->maximum) + ", which the spec does not declare",
                     {quote(stated->sentence)}});
      continue;
    }
    if (p->type == spec::ValueType::kString && !stated->values.empty() && p->enum_values.empty() &&
        !stated->minimum) {
      out.push_back({"hint-enum",
                     file_,
                     pointer,
                     op.action + ": " + name + ": the description lists " + join(stated->values) +
                         ", which the spec does not declare as its enum",
                     {quote(stated->sentence)}});
    }
  }
  return out;
}

}  // namespace conform::importer
