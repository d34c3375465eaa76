#include "importer/operation_builder.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/json/pointer.h"

namespace conform::importer {
namespace {

std::string at(std::string_view pointer, std::string_view token) {
  return conform::json::pointer_append(pointer, token);
}
std::string at(std::string_view pointer, std::size_t index) {
  return conform::json::pointer_append(pointer, index);
}

// A rule id from a parameter name: RegionId -> region-id, unique within `taken`.
std::string rule_id(const std::string& name, const std::string& suffix,
                    std::set<std::string>& taken) {
  std::string id;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool upper = c >= 'A' && c <= 'Z';
    const bool alnum = upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    const bool after_lower = i > 0 && ((name[i - 1] >= 'a' && name[i - 1] <= 'z') ||
                                       (name[i - 1] >= '0' && name[i - 1] <= '9'));
    if (!alnum) {
      if (!id.empty() && id.back() != '-')
        id += '-';
      continue;
    }
    if (upper && after_lower && !id.empty() && id.back() != '-')
      id += '-';
    id += static_cast<char>(upper ? c - 'A' + 'a' : c);
  }
  while (!id.empty() && id.back() == '-')
    id.pop_back();
  if (id.empty() || !(id[0] >= 'a' && id[0] <= 'z'))
    id = "p-" + id;
  std::string candidate = id + "-" + suffix;
  for (int n = 2; !taken.insert(candidate).second; ++n)
    candidate = id + "-" + std::to_string(n) + "-" + suffix;
  return candidate;
}

// A code as the spec format writes one: a letter, then letters, digits, '_', '.' or '-'.
bool is_code(const std::string& code) {
  return !code.empty() && std::isalpha(static_cast<unsigned char>(code[0])) &&
         code.find_first_not_of(
             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") ==
             std::string::npos;
}

// What a list or struct's shape settles: a count of items, a typed or constrained leaf, a member
// every item must carry.
bool shape_constrains(const Out& shape) {
  for (const char* key : {"min_items", "max_items", "required", "enum", "minimum", "maximum",
                          "min_length", "max_length", "pattern"}) {
    if (shape.contains(key) && !(key == std::string("required") && !shape[key].get<bool>()))
      return true;
  }
  const std::string type = shape.value("type", "string");
  if (type == "integer" || type == "boolean")
    return true;
  if (shape.contains("items") && shape_constrains(shape["items"]))
    return true;
  for (const auto& m : shape.contains("members") ? shape["members"] : Out::array())
    if (shape_constrains(m))
      return true;
  return false;
}

bool constrained(const Out& p) {
  if (p.contains("style"))
    return shape_constrains(p["shape"]);
  if (p["type"] != "string")
    return true;
  for (const char* key : {"enum", "min_length", "max_length", "pattern"})
    if (p.contains(key))
      return true;
  return false;
}

// Parameters in metadata order; a name given twice keeps its first entry (noted unless the two
// are the same).
Out map_parameters(const Document& doc, const Json& api, const std::string& base,
                   const Protocol& protocol, const Notes& notes) {
  Out out = Out::array();
  std::map<std::string, std::size_t> first;
  const auto& list = api.contains("parameters") ? api["parameters"] : Json::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string ptr = at(at(base, "parameters"), i);
    auto p = map_parameter(doc, list[i], ptr, notes);
    if (!p)
      continue;
    const std::string name = (*p)["name"];
    if (protocol.parameters.count(name)) {
      notes.add(ptr, "common-parameter", name + " is a parameter of the common spec");
      continue;
    }
    if (auto seen = first.find(name); seen != first.end()) {
      if (list[i] != list[seen->second])
        notes.add(ptr, "duplicate-parameter",
                  name + " is given twice and the two disagree; the first is kept");
      continue;
    }
    first.emplace(name, i);
    out.push_back(std::move(*p));
  }
  return out;
}

// The catalogue (codes the common spec does not hold) and every {http, code} the metadata lists.
void map_errors(const Json& api, const std::string& base, const Protocol& protocol,
                const std::string& source_key, Out& errors, Out& accept, const Notes& notes) {
  const auto codes = api.find("errorCodes");
  if (codes == api.end())
    return;
  std::set<std::pair<std::string, int>> seen;
  for (const auto& [status, list] : codes->items()) {
    const std::string ptr = at(at(base, "errorCodes"), status);
    int http = 0;
    if (status.size() == 3 &&
        std::all_of(status.begin(), status.end(), [](char c) { return c >= '0' && c <= '9'; }))
      http = std::stoi(status);
    if (http < 400 || http > 599 || !list.is_array()) {
      notes.add(ptr, "error-status", "\"" + status + "\" is not an error status with a list");
      continue;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& e = list[i];
      const std::string eptr = at(ptr, i);
      const std::string code = e.is_object() ? e.value("errorCode", "") : "";
      const std::string message = e.is_object() ? e.value("errorMessage", "") : "";
      if (!is_code(code)) {
        notes.add(at(eptr, "errorCode"), "error-code-form",
                  "\"" + code + "\" is not an error code (a template or stray whitespace)");
        continue;
      }
      if (!seen.insert({code, http}).second) {
        notes.add(eptr, "duplicate-error", code + " (HTTP " + status + ") is listed twice");
        continue;
      }
      accept.push_back({{"http", http}, {"code", code}});
      if (protocol.errors.count({code, http}))
        continue;  // the common spec's entry holds it
      if (message.empty()) {
        notes.add(at(eptr, "errorMessage"), "error-message-missing", code + " has no message");
        accept.erase(accept.end() - 1);
        continue;
      }
      errors.push_back({{"code", code},
                        {"http", http},
                        {"message", message},
                        {"from", eptr},
                        {"sources", {source_key}}});
    }
  }
}

std::vector<std::string> list_of(const Json& api, const char* key) {
  std::vector<std::string> out;
  if (auto v = api.find(key); v != api.end() && v->is_array()) {
    for (const auto& s : *v)
      if (s.is_string())
        out.push_back(s);
  }
  return out;
}

}  // namespace

Built build_operation(const Document& doc, const std::string& name, const Provenance& source,
                      const Protocol& protocol, const Notes& notes) {
  const std::string base = at("/apis", name);
  const Json& api = doc.root["apis"][name];
  if (!is_spec_name(name))
    return {std::nullopt, "action-name", "\"" + name + "\" is not an action name"};
  if (!api.is_object() || (api.contains("parameters") && !api["parameters"].is_array()))
    return {std::nullopt, "operation-shape", base + " is not an operation"};

  std::vector<std::string> methods;
  for (auto m : list_of(api, "methods")) {
    std::transform(m.begin(), m.end(), m.begin(), [](char c) {
      return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    });
    if (m == "GET" || m == "POST")
      methods.push_back(m);
    else
      notes.add(at(base, "methods"), "method", "method " + m + " has no place in the format");
  }
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  std::vector<std::string> schemes;
  for (const auto& s : list_of(api, "schemes")) {
    if ((s == "http" || s == "https") &&
        std::find(schemes.begin(), schemes.end(), s) == schemes.end())
      schemes.push_back(s);
  }
  if (methods.empty() || schemes.empty())
    return {std::nullopt, "transport", "no GET or POST method, or no http(s) scheme"};

  const Json* success = nullptr;
  std::string success_ptr;
  int http = 0;
  if (auto r = api.find("responses"); r != api.end() && r->is_object()) {
    for (const auto& [status, body] : r->items()) {
      if (status.size() == 3 && status[0] == '2' && body.is_object() && body.contains("schema")) {
        success = &body["schema"];
        success_ptr = at(at(at(base, "responses"), status), "schema");
        http = std::stoi(status);
        break;
      }
    }
  }
  if (!success)
    return {std::nullopt, "no-success-response", "no 2xx response with a schema"};
  Out fields = map_fields(doc, *success, success_ptr, notes);
  if (fields.empty())
    return {std::nullopt, "no-response-field", "the success response has no field to check"};
  for (auto& f : fields) {
    const auto role = protocol.role_fields.find(f["name"].get<std::string>());
    if (role == protocol.role_fields.end() || role->second.value("type", "") != f["type"])
      continue;
    f["value"] = role->second["value"];
    if (role->second.contains("format"))
      f["format"] = role->second["format"];
  }

  const auto& key = doc.source_key;
  Out parameters = map_parameters(doc, api, base, protocol, notes);
  Out errors = Out::array();
  Out accept = Out::array();
  map_errors(api, base, protocol, key, errors, accept, notes);

  Out imported = {{"file", source.file},
                  {"sha256", source.sha256},
                  {"format_version", source.format_version},
                  {"product", source.product},
                  {"version", source.version},
                  {"pointer", base}};
  const auto tags = api.find("systemTags");
  for (auto [from, to] : {std::pair{"operationType", "operation_type"},
                          {"chargeType", "charge_type"},
                          {"riskType", "risk_type"}}) {
    if (tags != api.end() && tags->is_object() && tags->contains(from) &&
        (*tags)[from].is_string() && !(*tags)[from].get<std::string>().empty())
      imported[to] = (*tags)[from];
  }
  if (auto d = api.find("deprecated"); d != api.end() && d->is_boolean())
    imported["deprecated"] = *d;

  Out names = Out::array();
  for (const auto& p : parameters)
    names.push_back(p["name"]);
  Out codes = Out::array();
  for (const auto& a : accept)
    if (std::find(codes.begin(), codes.end(), a["code"]) == codes.end())
      codes.push_back(a["code"]);

  Out spec = {{"format", "conform-operation/1"},
              {"product", source.product},
              {"version", source.version},
              {"action", name},
              {"title", name},
              {"common", protocol.common_ref},
              {"sources",
               {{key,
                 {{"title", source.file + ": published API metadata of " + source.product + " " +
                                source.version + " (format version " + source.format_version + ")"},
                  {"ref", source.file},
                  {"lists", {{"parameters", names}, {"errors", codes}}}}}}},
              {"imported", imported},
              {"transport",
               {{"methods", methods},
                {"schemes", schemes},
                {"signatures", protocol.signatures},
                {"formats", protocol.formats},
                {"sources", {key}}}},
              {"parameters", parameters},
              {"errors", errors}};

  Out outcomes = Out::array();
  Out rules = Out::array();
  std::set<std::string> ids;
  for (const auto& p : parameters) {
    if (p["required"])
      rules.push_back({{"id", rule_id(p["name"], "present", ids)},
                       {"check", "present"},
                       {"param", p["name"]},
                       {"outcome", kMissingOutcome}});
  }
  for (const auto& p : parameters) {
    if (constrained(p))
      rules.push_back({{"id", rule_id(p["name"], "valid", ids)},
                       {"check", "valid"},
                       {"param", p["name"]},
                       {"order_group", "parameter-values"},
                       {"outcome", kInvalidOutcome}});
  }
  if (!accept.empty()) {
    // The metadata lists codes without saying what causes each: one open outcome accepts them,
    // and a service rule (which a caller cannot break) triggers it.
    const std::string id = "listed-error";
    outcomes.push_back(
        {{"id", id}, {"from", at(base, "errorCodes")}, {"accept", accept}, {"settles", "nothing"}});
    rules.push_back({{"id", id}, {"check", "service"}, {"outcome", id}});
  }
  spec["outcomes"] = outcomes;
  spec["rules"] = rules;
  spec["response"] = {
      {"http", http}, {"xml_root", name + "Response"}, {"fields", fields}, {"sources", {key}}};
  return {std::move(spec), "", ""};
}

}  // namespace conform::importer
