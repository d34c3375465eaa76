#include "core/spec/reader.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/http/media_type.h"
#include "core/json/pointer.h"
#include "core/spec/cross_check.h"
#include "core/spec/evaluate.h"
#include "core/spec/json_read.h"
#include "core/spec/schema_names.h"
#include "core/spec/shape_reader.h"

namespace conform::spec {
namespace {

using nlohmann::json;

using json_read::at;
using json_read::optional_of;
using json_read::strings;

// Builds the model from two schema-valid documents, resolving the references between entries as
// it reads them, then runs the cross-checks (cross_check.h) on the result.
class Builder {
 public:
  Builder(std::string op_file, std::string common_file)
      : op_file_(std::move(op_file)), common_file_(std::move(common_file)) {}

  std::vector<SpecError>& errors() { return errors_; }

  void error(const std::string& file, const std::string& pointer, const char* rule,
             std::string message) {
    errors_.push_back({file, pointer, rule, std::move(message)});
  }

  void build(const json& op_doc, const json& common_doc, Operation& op) {
    op.file = op_file_;
    op.product = op_doc["product"];
    op.version = op_doc["version"];
    op.action = op_doc["action"];
    op.title = op_doc["title"];

    read_sources(common_doc, common_file_, op);
    read_sources(op_doc, op_file_, op);
    read_protocol(common_doc, op);
    read_transport(op_doc, op);

    read_parameters(common_doc["parameters"], common_file_, "/parameters", true, op,
                    op.common_parameters);
    read_parameters(op_doc["parameters"], op_file_, "/parameters", false, op, op.parameters);
    check_parameter_names(op, errors_);

    read_errors(common_doc["errors"], common_file_, true, op);
    read_errors(op_doc["errors"], op_file_, false, op);
    read_outcomes(common_doc["outcomes"], common_file_, true, op);
    read_outcomes(op_doc["outcomes"], op_file_, false, op);
    read_resources(op_doc, op);
    read_rules(common_doc["rules"], common_file_, true, op);
    read_rules(op_doc["rules"], op_file_, false, op);
    read_effects_quota_idempotency(op_doc, op);
    read_response(op_doc, op);
    read_imported(op_doc, op);

    for (const auto& p : op.common_parameters)
      check_parameter(op, p, errors_);
    for (const auto& p : op.parameters)
      check_parameter(op, p, errors_);
    check_coverage(op, errors_);
  }

 private:
  void check_sources(const Operation& op, const std::vector<std::string>& keys,
                     const std::string& file, const std::string& pointer) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (!op.sources.count(keys[i])) {
        error(file, at(at(pointer, "sources"), i), "unknown-source",
              "source \"" + keys[i] + "\" is not in the sources map");
      }
    }
  }

  void read_sources(const json& doc, const std::string& file, Operation& op) {
    for (const auto& [key, value] : doc["sources"].items()) {
      Source s;
      s.key = key;
      s.title = value["title"];
      s.ref = value["ref"];
      s.origin = {file, at("/sources", key)};
      if (value.contains("lists")) {
        s.lists =
            SourceLists{strings(value["lists"], "parameters"), strings(value["lists"], "errors"),
                        value["lists"].value("partial", false)};
      }
      if (op.sources.count(key)) {
        error(file, s.origin.pointer, "duplicate-source",
              "source \"" + key + "\" is also defined in " + op.sources[key].origin.file);
        continue;
      }
      op.sources.emplace(key, std::move(s));
    }
  }

  // ---- content_types: each format's documented media types (schema: common.schema.json)
  void read_content_types(const json& by_format, Operation& op) {
    for (const auto& [format, list] : by_format.items()) {
      auto& accepted = op.protocol.content_types[format];
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string pointer = at(at("/responses/content_types", format), i);
        DocumentedMediaType m;
        m.text = list[i]["media_type"];
        m.sources = strings(list[i], "sources");
        if (list[i].contains("note"))
          m.note = list[i]["note"].get<std::string>();
        check_sources(op, m.sources, common_file_, pointer);
        const auto parsed = http::parse_media_type(m.text);
        if (!parsed.value) {
          error(common_file_, pointer + "/media_type", "invalid-media-type",
                "\"" + m.text + "\" is not a media type: " + parsed.error);
        } else if (const auto charset = parsed.value->parameter("charset");
                   charset && !http::names_utf8(*charset)) {
          error(common_file_, pointer + "/media_type", "invalid-media-type",
                "\"" + m.text + "\" names charset " + *charset + "; responses are UTF-8");
        }
        accepted.push_back(std::move(m));
      }
    }
  }
  // ---- end content_types

  void read_protocol(const json& doc, Operation& op) {
    Protocol& p = op.protocol;
    p.name = doc["protocol"];
    p.file = common_file_;
    const auto& r = doc["responses"];
    read_content_types(r["content_types"], op);
    p.format_parameter = r["format_parameter"];
    p.recommend_template = r.value("recommend", "");
    p.request_id_header = r["request_id_header"];
    p.request_id_format = r["request_id_format"];
    p.error_body.xml_root = r["error_body"]["xml_root"];
    p.error_body.fields =
        read_fields(r["error_body"]["fields"], common_file_, "/responses/error_body/fields");
    p.timestamp_skew_seconds = doc["limits"]["timestamp_skew_seconds"];
    p.nonce_window_seconds = doc["limits"]["nonce_window_seconds"];
    check_sources(op, strings(doc["limits"], "sources"), common_file_, "/limits");
    check_sources(op, strings(r, "sources"), common_file_, "/responses");
    for (const auto& [name, value] : doc["signatures"].items()) {
      p.signatures[scheme_of(name)] = value["description"];
      check_sources(op, strings(value, "sources"), common_file_, at("/signatures", name));
    }
  }

  void read_transport(const json& doc, Operation& op) {
    const auto& t = doc["transport"];
    op.transport.methods = strings(t, "methods");
    op.transport.schemes = strings(t, "schemes");
    op.transport.formats = strings(t, "formats");
    for (const auto& s : strings(t, "signatures")) {
      const auto scheme = scheme_of(s);
      op.transport.signatures.push_back(scheme);
      if (!op.protocol.signatures.count(scheme)) {
        error(op_file_, "/transport/signatures", "unknown-signature",
              "signature scheme " + s + " is not defined by the common spec " + common_file_);
      }
    }
    for (std::size_t i = 0; i < op.transport.formats.size(); ++i) {
      if (!op.protocol.content_types.count(op.transport.formats[i])) {
        error(op_file_, at("/transport/formats", i), "unknown-format",
              "the common spec gives no Content-Type for " + op.transport.formats[i]);
      }
    }
    check_sources(op, strings(t, "sources"), op_file_, "/transport");
  }

  void read_parameters(const json& list, const std::string& file, const std::string& base,
                       bool common, Operation& op, std::vector<Parameter>& out) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& j = list[i];
      Parameter p;
      p.name = j["name"];
      const std::string type = j["type"];
      // A list or struct (with a style) keeps the scalar type string; its structure is the shape.
      p.type = type == "integer"   ? ValueType::kInteger
               : type == "boolean" ? ValueType::kBoolean
                                   : ValueType::kString;
      p.style = optional_of<std::string>(j, "style");
      if (auto sh = j.find("shape"); sh != j.end())
        p.shape = read_shape(*sh, file, at(at(base, i), "shape"), errors_);
      if (auto f = optional_of<std::string>(j, "format")) {
        p.format = *f == "int32" ? IntegerFormat::kInt32 : IntegerFormat::kInt64;
      }
      p.required = j["required"];
      p.hidden = j.value("hidden", false);
      p.secret = j.value("secret", false);
      p.case_insensitive = j.value("case_insensitive", false);
      p.common = common;
      p.enum_values = strings(j, "enum");
      p.default_value = optional_of<std::string>(j, "default");
      if (auto v = optional_of<std::string>(j, "value")) {
        p.fixed_value = *v == "action" ? op.action : op.version;
      }
      p.minimum = optional_of<std::int64_t>(j, "minimum");
      p.maximum = optional_of<std::int64_t>(j, "maximum");
      p.min_length = optional_of<std::size_t>(j, "min_length");
      p.max_length = optional_of<std::size_t>(j, "max_length");
      p.pattern = optional_of<std::string>(j, "pattern");
      p.example = optional_of<std::string>(j, "example");
      for (const auto& l : strings(j, "in")) {
        p.locations.push_back(l == "query" ? Location::kQuery : Location::kBody);
      }
      if (p.locations.empty())
        p.locations = {Location::kQuery, Location::kBody};
      for (const auto& s : strings(j, "signatures"))
        p.signatures.push_back(scheme_of(s));
      if (p.signatures.empty())
        p.signatures = {SignatureScheme::kV1, SignatureScheme::kV3};
      p.description = j.value("description", "");
      p.sources = strings(j, "sources");
      p.note = j.value("note", "");
      p.origin = {file, at(base, i)};
      if (auto c = j.find("conditional"); c != j.end()) {
        for (std::size_t k = 0; k < c->size(); ++k) {
          const auto& cj = (*c)[k];
          ConditionalConstraint cc;
          cc.when = {cj["when"]["param"], cj["when"]["equals"]};
          cc.minimum = optional_of<std::int64_t>(cj, "minimum");
          cc.maximum = optional_of<std::int64_t>(cj, "maximum");
          cc.enum_values = strings(cj, "enum");
          cc.origin = {file, at(at(p.origin.pointer, "conditional"), k)};
          p.conditional.push_back(std::move(cc));
        }
      }
      if (auto c = j.find("convention"); c != j.end()) {
        Convention conv;
        conv.max_length = optional_of<std::size_t>(*c, "max_length");
        conv.ascii = c->value("ascii", false);
        conv.source = (*c)["source"];
        conv.evidence = (*c)["evidence"];
        conv.origin = {file, at(p.origin.pointer, "convention")};
        if (!op.sources.count(conv.source)) {
          error(file, at(conv.origin.pointer, "source"), "unknown-source",
                "source \"" + conv.source + "\" is not in the sources map");
        }
        p.convention = std::move(conv);
      }
      if (p.pattern) {
        try {
          p.compiled_pattern.emplace(*p.pattern, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
          error(file, at(p.origin.pointer, "pattern"), "invalid-pattern",
                "\"" + *p.pattern + "\" is not a valid regular expression: " + e.what());
        }
      }
      check_sources(op, p.sources, file, p.origin.pointer);
      out.push_back(std::move(p));
    }
  }

  void read_errors(const json& list, const std::string& file, bool common, Operation& op) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& j = list[i];
      ErrorCode e;
      e.code = j["code"];
      e.http = j["http"];
      e.message = j["message"];
      e.description = j.value("description", "");
      e.sources = strings(j, "sources");
      e.note = j.value("note", "");
      e.common = common;
      e.origin = {file, at("/errors", i)};
      if (const auto* prior = op.find_error(e.code, e.http)) {
        error(file, at(e.origin.pointer, "code"), "duplicate-error",
              e.code + " with HTTP " + std::to_string(e.http) + " is already defined at " +
                  prior->origin.file + ":" + prior->origin.pointer);
        continue;
      }
      check_sources(op, e.sources, file, e.origin.pointer);
      op.errors.push_back(std::move(e));
    }
  }

  // `settles` says how far the sources settle the outcome; anything it settles names its words.
  void read_settlement(const Operation& op, const json& j, const std::string& file, Outcome& o) {
    const std::string settles = j["settles"];
    o.settled = settles == "answer";
    o.rejection_settled = settles != "nothing";
    if (j.contains("settled_by")) {
      const auto& list = j["settled_by"];
      for (std::size_t k = 0; k < list.size(); ++k) {
        Settlement s{
            list[k]["source"], list[k]["quote"], {file, at(at(o.origin.pointer, "settled_by"), k)}};
        if (!op.sources.count(s.source)) {
          error(file, at(s.origin.pointer, "source"), "unknown-source",
                "source \"" + s.source + "\" is not in the sources map");
        }
        o.settled_by.push_back(std::move(s));
      }
    }
    if (o.rejection_settled && o.settled_by.empty()) {
      error(file, at(o.origin.pointer, "settles"), "unsourced-settlement",
            "outcome " + o.id + " settles the " + settles +
                " but names no source sentence in settled_by");
    }
    if (!o.rejection_settled && !o.settled_by.empty()) {
      error(file, at(o.origin.pointer, "settled_by"), "open-outcome-settled-by",
            "outcome " + o.id + " settles nothing, so it needs no settled_by");
    }
  }

  void read_outcomes(const json& list, const std::string& file, bool common, Operation& op) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& j = list[i];
      Outcome o;
      o.id = j["id"];
      o.description = j.value("description", "");
      o.transient = j.value("transient", false);
      o.note = j.value("note", "");
      o.common = common;
      o.origin = {file, at("/outcomes", i)};
      read_settlement(op, j, file, o);
      const auto& accept = j["accept"];
      for (std::size_t k = 0; k < accept.size(); ++k) {
        Answer a{accept[k]["http"], accept[k]["code"]};
        if (!op.find_error(a.code, a.http)) {
          const bool other_status =
              std::any_of(op.errors.begin(), op.errors.end(),
                          [&](const ErrorCode& e) { return e.code == a.code; });
          error(file, at(at(o.origin.pointer, "accept"), k),
                other_status ? "status-mismatch" : "unknown-error-code",
                other_status ? a.code + " is documented with another HTTP status than " +
                                   std::to_string(a.http)
                             : a.code + " is not in the error catalogue");
        }
        o.accept.push_back(std::move(a));
      }
      if (op.find_outcome(o.id)) {
        error(file, at(o.origin.pointer, "id"), "duplicate-outcome",
              "outcome " + o.id + " is defined twice");
        continue;
      }
      op.outcomes.push_back(std::move(o));
    }
  }

  void read_resources(const json& doc, Operation& op) {
    if (!doc.contains("resources"))
      return;
    for (const auto& [name, j] : doc["resources"].items()) {
      Resource r;
      r.name = name;
      r.description = j["description"];
      r.example = optional_of<std::string>(j, "example");
      r.sources = strings(j, "sources");
      r.origin = {op_file_, at("/resources", name)};
      std::set<std::string> seen;
      if (auto s = j.find("states"); s != j.end()) {
        for (std::size_t i = 0; i < s->size(); ++i) {
          ResourceState st{(*s)[i]["name"], (*s)[i]["description"], strings((*s)[i], "aliases")};
          if (!seen.insert(st.name).second) {
            error(op_file_, at(at(r.origin.pointer, "states"), i), "duplicate-state",
                  name + " state " + st.name + " is listed twice");
          }
          r.states.push_back(std::move(st));
        }
      }
      check_sources(op, r.sources, op_file_, r.origin.pointer);
      op.resources.emplace(name, std::move(r));
    }
  }

  void read_rules(const json& list, const std::string& file, bool common, Operation& op) {
    std::set<std::string> ids;
    for (const auto& r : op.rules)
      ids.insert(r.id);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& j = list[i];
      Rule r;
      r.id = j["id"];
      r.check = check_of(j["check"]);
      r.param = j.value("param", "");
      r.resource = j.value("resource", "");
      r.states = strings(j, "states");
      r.description = j.value("description", "");
      r.order_group = j.value("order_group", "");
      r.sources = strings(j, "sources");
      r.common = common;
      r.origin = {file, at("/rules", i)};
      if (!ids.insert(r.id).second) {
        error(file, at(r.origin.pointer, "id"), "duplicate-rule",
              "rule " + r.id + " is defined twice");
      }
      const std::string outcome_id = j["outcome"];
      const auto* outcome = op.find_outcome(outcome_id);
      if (!outcome) {
        error(file, at(r.origin.pointer, "outcome"), "unknown-outcome",
              "rule " + r.id + " names outcome " + outcome_id + ", which is not defined");
        continue;
      }
      r.outcome = static_cast<std::size_t>(outcome - op.outcomes.data());
      if (!r.param.empty()) {
        const auto* p = op.find_parameter(r.param);
        if (!p) {
          error(file, at(r.origin.pointer, "param"), "unknown-parameter",
                "rule " + r.id + " names parameter " + r.param +
                    ", which the operation does not have");
        } else if (r.check == Check::kPresent && !p->required) {
          error(file, at(r.origin.pointer, "param"), "presence-of-optional",
                "rule " + r.id + " requires " + r.param + ", which the spec marks optional");
        } else if (r.check == Check::kValid && !p->constrained()) {
          error(file, at(r.origin.pointer, "param"), "nothing-to-validate",
                "rule " + r.id + " validates " + r.param + ", which has no constraint to break");
        }
      } else if (std::any_of(
                     outcome->accept.begin(), outcome->accept.end(),
                     [](const Answer& a) { return a.code.find("{param}") != std::string::npos; }) &&
                 r.check != Check::kCredentialsPresent) {
        error(file, at(r.origin.pointer, "outcome"), "template-without-param",
              "outcome " + outcome_id + " names a code with {param}, but rule " + r.id +
                  " has no parameter to fill it");
      }
      if (!r.resource.empty()) {
        const auto* res = op.find_resource(r.resource);
        if (!res) {
          error(file, at(r.origin.pointer, "resource"), "unknown-resource",
                "rule " + r.id + " names resource " + r.resource + ", which is not defined");
        } else {
          for (std::size_t k = 0; k < r.states.size(); ++k) {
            const bool known =
                std::any_of(res->states.begin(), res->states.end(),
                            [&](const ResourceState& s) { return s.name == r.states[k]; });
            if (!known) {
              error(file, at(at(r.origin.pointer, "states"), k), "unknown-state",
                    r.resource + " has no state " + r.states[k]);
            }
          }
          if (r.check == Check::kState && res->states.empty()) {
            error(
                file, at(r.origin.pointer, "resource"), "stateless-resource",
                "rule " + r.id + " checks the state of " + r.resource + ", which lists no states");
          }
        }
      }
      check_sources(op, r.sources, file, r.origin.pointer);
      op.rules.push_back(std::move(r));
    }
  }

  void read_effects_quota_idempotency(const json& doc, Operation& op) {
    if (auto e = doc.find("effects"); e != doc.end()) {
      Effects fx;
      fx.creates = (*e)["creates"];
      fx.billable = (*e)["billable"];
      fx.charge_parameter = optional_of<std::string>(*e, "charge_parameter");
      fx.safe_value = optional_of<std::string>(*e, "safe_value");
      if (fx.safe_value)
        fx.safe_values.push_back(*fx.safe_value);
      for (const auto& v : strings(*e, "safe_values")) {
        if (std::find(fx.safe_values.begin(), fx.safe_values.end(), v) == fx.safe_values.end())
          fx.safe_values.push_back(v);
      }
      fx.description = (*e)["description"];
      if (fx.charge_parameter) {
        const auto* p = op.find_parameter(*fx.charge_parameter);
        if (!p) {
          error(op_file_, "/effects/charge_parameter", "unknown-parameter",
                "effects name parameter " + *fx.charge_parameter +
                    ", which the operation does not have");
        } else {
          for (std::size_t i = 0; i < fx.safe_values.size(); ++i) {
            if (auto why = value_violation(op, *p, fx.safe_values[i], {})) {
              error(op_file_, i == 0 ? "/effects/safe_value" : "/effects/safe_values",
                    "invalid-safe-value", *fx.charge_parameter + ": " + *why);
            }
          }
        }
      }
      check_sources(op, strings(*e, "sources"), op_file_, "/effects");
      op.effects = std::move(fx);
    }
    if (auto q = doc.find("quota"); q != doc.end()) {
      op.quota = Quota{(*q)["requests"], (*q)["per_seconds"]};
      check_sources(op, strings(*q, "sources"), op_file_, "/quota");
    }
    if (auto i = doc.find("idempotency"); i != doc.end()) {
      Idempotency idem;
      idem.token = (*i)["token"];
      idem.description = (*i)["description"];
      if (!op.find_parameter(idem.token)) {
        error(op_file_, "/idempotency/token", "unknown-parameter",
              "idempotency names token parameter " + idem.token +
                  ", which the operation does not have");
      }
      if (auto d = optional_of<std::string>(*i, "different_request")) {
        if (const auto* o = op.find_outcome(*d)) {
          idem.different_request = static_cast<std::size_t>(o - op.outcomes.data());
        } else {
          error(op_file_, "/idempotency/different_request", "unknown-outcome",
                "idempotency names outcome " + *d + ", which is not defined");
        }
      }
      check_sources(op, strings(*i, "sources"), op_file_, "/idempotency");
      op.idempotency = std::move(idem);
    }
  }

  std::vector<Field> read_fields(const json& list, const std::string& file,
                                 const std::string& base) {
    std::vector<Field> out;
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& j = list[i];
      Field f;
      f.name = j["name"];
      f.type = field_type_of(j["type"]);
      f.required = j["required"];
      f.format = optional_of<std::string>(j, "format");
      f.pattern = optional_of<std::string>(j, "pattern");
      f.min_length = optional_of<std::size_t>(j, "min_length");
      f.example = optional_of<std::string>(j, "example");
      f.generate = optional_of<std::string>(j, "generate");
      f.identifies = optional_of<std::string>(j, "identifies");
      f.value = optional_of<std::string>(j, "value");
      const std::string ptr = at(base, i);
      if (!names.insert(f.name).second) {
        error(file, at(ptr, "name"), "duplicate-field", "field " + f.name + " appears twice");
      }
      if (f.pattern) {
        try {
          f.compiled_pattern.emplace(*f.pattern, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
          error(file, at(ptr, "pattern"), "invalid-pattern", "\"" + *f.pattern + "\": " + e.what());
        }
      }
      if (f.type != FieldType::kString && (f.format || f.pattern || f.min_length || f.generate)) {
        error(file, ptr, "constraint-type-mismatch", "field " + f.name + " is not a string");
      }
      if (j.contains("fields"))
        f.fields = read_fields(j["fields"], file, at(ptr, "fields"));
      out.push_back(std::move(f));
    }
    return out;
  }

  void read_response(const json& doc, Operation& op) {
    const auto& r = doc["response"];
    op.response.http = r["http"];
    op.response.xml_root = r["xml_root"];
    op.response.fields = read_fields(r["fields"], op_file_, "/response/fields");
    check_sources(op, strings(r, "sources"), op_file_, "/response");
  }

  // The schema has checked the block's shape; only the tags are kept.
  static void read_imported(const json& op_doc, Operation& op) {
    const auto block = op_doc.find("imported");
    if (block == op_doc.end() || !block->is_object())
      return;
    ImportedTags tags;
    if (const auto t = block->find("operation_type"); t != block->end() && t->is_string())
      tags.operation_type = t->get<std::string>();
    if (const auto t = block->find("charge_type"); t != block->end() && t->is_string())
      tags.charge_type = t->get<std::string>();
    op.imported = std::move(tags);
  }

  std::string op_file_;
  std::string common_file_;
  std::vector<SpecError> errors_;
};

}  // namespace

std::vector<SpecError> read_operation(const nlohmann::json& op_doc, const std::string& op_file,
                                      const nlohmann::json& common_doc,
                                      const std::string& common_file, Operation& op) {
  Builder builder(op_file, common_file);
  builder.build(op_doc, common_doc, op);
  return std::move(builder.errors());
}

}  // namespace conform::spec
