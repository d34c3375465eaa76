#include "reports/results_json.h"

#include <algorithm>
#include <limits>

#include "core/json/parse.h"
#include "core/json/pointer.h"
#include "core/json/schema_validator.h"
#include "reports/embedded_results_schema.h"

namespace conform::report {

ResultsError::ResultsError(std::string file_name, std::string json_pointer,
                           const std::string& message)
    : std::runtime_error(file_name + ":" + (json_pointer.empty() ? "/" : json_pointer) + ": " +
                         message),
      file(std::move(file_name)),
      pointer(std::move(json_pointer)) {}

namespace {

using nlohmann::json;

// Seeds are 64-bit; JSON numbers above 2^53 lose digits in JavaScript and many other readers, so
// seeds travel as decimal strings.
std::string seed_text(std::uint64_t seed) {
  return std::to_string(seed);
}

json headers_json(const http::HeaderFields& headers) {
  json out = json::array();
  for (const auto& h : headers) {
    out.push_back({{"name", h.name}, {"value", h.value}});
  }
  return out;
}

json exchange_json(const http::Exchange& e) {
  json retries = json::array();
  for (const auto& r : e.retries) {
    retries.push_back({{"attempt", r.attempt},
                       {"reason", r.reason},
                       {"delay_ms", r.delay.count()},
                       {"status", r.status}});
  }
  json error = nullptr;
  if (e.error) {
    error = {{"kind", http::to_string(e.error->kind)}, {"message", e.error->message}};
  }
  return {{"method", e.method},
          {"url", e.url},
          {"request_headers", headers_json(e.request_headers)},
          {"request_body", e.request_body},
          {"status", e.status},
          {"response_headers", headers_json(e.response_headers)},
          {"response_body", e.response_body},
          {"response_truncated", e.response_truncated},
          {"timings",
           {{"connect_us", e.timings.connect.count()},
            {"first_byte_us", e.timings.first_byte.count()},
            {"total_us", e.timings.total.count()}}},
          {"retries", retries},
          {"error", error},
          {"replay_command", e.replay_command}};
}

json check_json(const CheckResult& r) {
  json expected = json::array();
  for (const auto& a : r.expected) {
    expected.push_back({{"http", a.http}, {"code", a.code}});
  }
  json observed = nullptr;
  if (r.observed) {
    observed = {{"http", r.observed->http},
                {"code", r.observed->code},
                {"content_type", r.observed->content_type}};
  }
  json counterexample = nullptr;
  if (r.counterexample) {
    json params = json::array();
    for (const auto& [name, value] : r.counterexample->parameters) {
      params.push_back({{"name", name}, {"value", value}});
    }
    counterexample = {{"description", r.counterexample->description}, {"parameters", params}};
  }
  json exchanges = json::array();
  for (const auto& e : r.exchanges) {
    exchanges.push_back(exchange_json(e));
  }
  json out = {{"kind", r.kind},
              {"name", r.name},
              {"spec", {{"file", r.spec.file}, {"rule", r.spec.rule}, {"pointer", r.spec.pointer}}},
              {"verdict", to_string(r.verdict)},
              {"message", r.message},
              {"seed", r.seed ? json(seed_text(*r.seed)) : json(nullptr)},
              {"expected", expected},
              {"observed", observed},
              {"counterexample", counterexample},
              {"exchanges", exchanges},
              {"replay_command", r.replay_command},
              {"duration_us", r.duration.count()},
              {"retries", r.retries},
              {"cases_sent", r.cases_sent}};
  if (!r.operation.empty())
    out["operation"] = r.operation;
  if (r.shrink) {
    out["shrink"] = {{"steps", r.shrink->steps},
                     {"budget", r.shrink->budget},
                     {"stopped_by_budget", r.shrink->stopped_by_budget}};
  }
  return out;
}

json coverage_items_json(const std::vector<CoverageItem>& items) {
  json out = json::array();
  for (const auto& i : items) {
    out.push_back({{"name", i.name}, {"count", i.count}});
  }
  return out;
}

json summary_json(const Results& results) {
  const Counts c = count(results.checks);
  return {{"overall", to_string(overall(results))},
          {"total", c.total},
          {"passed", c.passed},
          {"failed", c.failed},
          {"skipped", c.skipped},
          {"inconclusive", c.inconclusive},
          {"observation", c.observation},
          {"cases_sent", c.cases_sent}};
}

const conform::json::SchemaSet& results_schema() {
  static const conform::json::SchemaSet set = [] {
    conform::json::SchemaSet s;
    s.add(std::string(kResultsSchemaName), json::parse(embedded_results_schema()));
    return s;
  }();
  return set;
}

// The last token of a JSON pointer, unescaped: the key a violation is about.
std::string last_key(const std::string& pointer) {
  std::string token = pointer.substr(pointer.rfind('/') + 1);
  for (auto [escaped, plain] : {std::pair{"~1", "/"}, std::pair{"~0", "~"}}) {
    for (auto at = token.find(escaped); at != std::string::npos; at = token.find(escaped, at + 1))
      token.replace(at, 2, plain);
  }
  return token;
}

// A schema violation in the words conform has always used for a results file.
std::string wording(const json& doc, const conform::json::SchemaViolation& v) {
  const std::string key = last_key(v.pointer);
  const json& value = doc.at(json::json_pointer(v.pointer));
  if (v.keyword == "additionalProperties")
    return "unknown key \"" + key + "\"";
  if (v.keyword == "required")
    return "missing required key" + v.message.substr(v.message.find(" \""));
  if (v.keyword == "type") {
    if (v.message.find("outside the 64-bit range") != std::string::npos)
      return "value " + value.dump() + " is outside the 64-bit integer range";
    const std::string found = value.type_name();
    if (key == "seed")
      return "expected a seed as a decimal string, found " + found;
    static const std::pair<const char*, const char*> kNames[] = {{"object", "an object"},
                                                                 {"array", "an array"},
                                                                 {"string", "a string"},
                                                                 {"integer", "an integer"},
                                                                 {"boolean", "true or false"}};
    for (const auto& [type, words] : kNames) {
      if (v.message.rfind("expected " + std::string(type), 0) == 0 ||
          v.message.rfind("expected \"" + std::string(type) + "\"", 0) == 0)
        return "expected " + std::string(words) + ", found " + found;
    }
  }
  if (v.keyword == "pattern" && key == "seed")
    return "seed " + value.dump() + " is not a decimal number";
  if (v.keyword == "minLength" && (key == "kind" || key == "name"))
    return "kind and name must not be empty";
  return v.message;
}

// Reads a document the schema has accepted: every value has its type, so what is left to check
// is what a schema cannot say. Each check names the JSON pointer of the value at fault.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw ResultsError(file_, pointer, message);
  }

  static std::string string(const json& obj, const char* key) {
    const auto it = obj.find(key);
    return it == obj.end() ? std::string() : it->get<std::string>();
  }

  static int small_int(const json& obj, const char* key) { return obj.value(key, 0); }

  // The schema's maximum is compared as a double, which cannot tell 2^63 - 1 from 2^63.
  std::int64_t count(const json& obj, const char* key, const std::string& pointer) const {
    const auto it = obj.find(key);
    if (it == obj.end())
      return 0;
    if (it->is_number_unsigned() && it->get<std::uint64_t>() > kMaxInt64) {
      fail(conform::json::pointer_append(pointer, key),
           "value " + it->dump() + " is outside [0, " + std::to_string(kMaxInt64) + "]");
    }
    return it->get<std::int64_t>();
  }

  std::uint64_t seed(const json& value, const std::string& pointer) const {
    try {
      return std::stoull(value.get<std::string>());
    } catch (const std::exception&) {
      fail(pointer, "seed " + value.dump() + " does not fit in 64 bits");
    }
  }

  static const json& items(const json& obj, const char* key) {
    static const json kEmpty = json::array();
    const auto it = obj.find(key);
    return it == obj.end() ? kEmpty : *it;
  }

  static const json* present(const json& obj, const char* key) {
    const auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
  }

  static constexpr std::uint64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();

 private:
  std::string file_;
};

std::string at(const std::string& pointer, std::string_view key, std::size_t index) {
  return conform::json::pointer_append(conform::json::pointer_append(pointer, key), index);
}

http::HeaderFields read_headers(const json& obj, const char* key) {
  http::HeaderFields out;
  for (const auto& h : Reader::items(obj, key))
    out.push_back({Reader::string(h, "name"), Reader::string(h, "value")});
  return out;
}

std::optional<http::TransportErrorKind> transport_kind(std::string_view text) {
  using K = http::TransportErrorKind;
  for (K k : {K::kConnectFailed, K::kConnectTimeout, K::kTimeout, K::kTls, K::kProtocol,
              K::kNoResponse, K::kConnectionReset, K::kBodyIncomplete, K::kBodyTooLarge,
              K::kSendFailed, K::kNotSent, K::kOther}) {
    if (http::to_string(k) == text) {
      return k;
    }
  }
  return std::nullopt;
}

http::Exchange read_exchange(const Reader& rd, const json& o, const std::string& p) {
  http::Exchange e;
  e.method = Reader::string(o, "method");
  e.url = Reader::string(o, "url");
  e.request_headers = read_headers(o, "request_headers");
  e.request_body = Reader::string(o, "request_body");
  e.status = Reader::small_int(o, "status");
  e.response_headers = read_headers(o, "response_headers");
  e.response_body = Reader::string(o, "response_body");
  e.response_truncated = o.value("response_truncated", false);
  if (const json* t = Reader::present(o, "timings")) {
    const std::string tp = p + "/timings";
    e.timings.connect = std::chrono::microseconds(rd.count(*t, "connect_us", tp));
    e.timings.first_byte = std::chrono::microseconds(rd.count(*t, "first_byte_us", tp));
    e.timings.total = std::chrono::microseconds(rd.count(*t, "total_us", tp));
  }
  const json& retries = Reader::items(o, "retries");
  for (std::size_t i = 0; i < retries.size(); ++i) {
    const json& r = retries[i];
    e.retries.push_back({Reader::small_int(r, "attempt"), Reader::string(r, "reason"),
                         std::chrono::milliseconds(rd.count(r, "delay_ms", at(p, "retries", i))),
                         Reader::small_int(r, "status")});
  }
  if (const json* err = Reader::present(o, "error")) {
    const std::string kind = Reader::string(*err, "kind");
    const auto k = transport_kind(kind);
    if (!k) {
      rd.fail(p + "/error/kind", "unknown transport error kind \"" + kind + "\"");
    }
    e.error = http::TransportError{*k, Reader::string(*err, "message")};
  }
  e.replay_command = Reader::string(o, "replay_command");
  return e;
}

CheckResult read_check(const Reader& rd, const json& o, const std::string& p) {
  CheckResult r;
  r.operation = Reader::string(o, "operation");
  r.kind = Reader::string(o, "kind");
  r.name = Reader::string(o, "name");
  if (const json* s = Reader::present(o, "spec")) {
    r.spec = {Reader::string(*s, "file"), Reader::string(*s, "rule"),
              Reader::string(*s, "pointer")};
  }
  const std::string verdict = Reader::string(o, "verdict");
  const auto v = verdict_from_string(verdict);
  if (!v) {
    rd.fail(p + "/verdict", "unknown verdict \"" + verdict +
                                "\" (passed, failed, skipped, inconclusive, observation)");
  }
  r.verdict = *v;
  r.message = Reader::string(o, "message");
  if (const json* s = Reader::present(o, "seed")) {
    r.seed = rd.seed(*s, p + "/seed");
  }
  for (const auto& a : Reader::items(o, "expected"))
    r.expected.push_back({Reader::small_int(a, "http"), Reader::string(a, "code")});
  if (const json* ob = Reader::present(o, "observed")) {
    r.observed = Observed{Reader::small_int(*ob, "http"), Reader::string(*ob, "code"),
                          Reader::string(*ob, "content_type")};
  }
  if (const json* ce = Reader::present(o, "counterexample")) {
    Counterexample c{Reader::string(*ce, "description"), {}};
    for (const auto& param : Reader::items(*ce, "parameters"))
      c.parameters.emplace_back(Reader::string(param, "name"), Reader::string(param, "value"));
    r.counterexample = std::move(c);
  }
  const json& exchanges = Reader::items(o, "exchanges");
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    r.exchanges.push_back(read_exchange(rd, exchanges[i], at(p, "exchanges", i)));
  }
  r.replay_command = Reader::string(o, "replay_command");
  r.duration = std::chrono::microseconds(rd.count(o, "duration_us", p));
  r.retries = Reader::small_int(o, "retries");
  r.cases_sent = Reader::small_int(o, "cases_sent");
  if (const json* sh = Reader::present(o, "shrink")) {
    r.shrink = Shrink{Reader::small_int(*sh, "steps"), Reader::small_int(*sh, "budget"),
                      sh->value("stopped_by_budget", false)};
  }
  return r;
}

RunInfo read_run(const Reader& rd, const json& o, const std::string& p) {
  RunInfo run;
  run.tool_version = Reader::string(o, "tool_version");
  run.seed = rd.seed(o["seed"], p + "/seed");
  if (const json* t = Reader::present(o, "target")) {
    run.target = {Reader::string(*t, "name"), Reader::string(*t, "endpoint"),
                  Reader::string(*t, "kind")};
  }
  run.spec_file = Reader::string(o["spec"], "file");
  run.spec_sha256 = Reader::string(o["spec"], "sha256");
  run.started_at = Reader::string(o, "started_at");
  run.finished_at = Reader::string(o, "finished_at");
  if (const json* s = Reader::present(o, "shard")) {
    run.shard_total = Reader::small_int(*s, "total");
    run.shard_index = Reader::small_int(*s, "index");
    if (const json* by = Reader::present(*s, "by"))
      run.shard_by = by->get<std::string>();
    if (run.shard_index >= run.shard_total) {
      rd.fail(p + "/shard/index", "shard index " + std::to_string(run.shard_index) +
                                      " is not below the total " + std::to_string(run.shard_total));
    }
  }
  run.merged_shards = Reader::small_int(o, "merged_shards");
  if (const json* ops = Reader::present(o, "operations"))
    run.operations = ops->get<std::vector<std::string>>();
  const std::string state = Reader::string(o, "state");
  const auto s = run_state_from_string(state);
  if (!s) {
    rd.fail(p + "/state", "unknown run state \"" + state + "\" (running, finished, interrupted)");
  }
  run.state = *s;
  run.interruption = Reader::string(o, "interruption");
  run.replay = Reader::string(o, "replay");
  run.unsent_by_guard = Reader::small_int(o, "unsent_by_guard");
  run.unsent_by_budget = Reader::small_int(o, "unsent_by_budget");
  return run;
}

std::vector<CoverageItem> read_coverage_items(const Reader& rd, const json& obj, const char* key,
                                              const std::string& pointer) {
  std::vector<CoverageItem> out;
  const json& items = Reader::items(obj, key);
  for (std::size_t i = 0; i < items.size(); ++i) {
    out.push_back({Reader::string(items[i], "name"),
                   static_cast<std::uint64_t>(rd.count(items[i], "count", at(pointer, key, i)))});
  }
  return out;
}

// The document without its checks; they are spliced in as text by results_json_text.
json frame_json(const Results& results) {
  const RunInfo& run = results.run;
  const Coverage& cov = results.coverage;
  return {
      {"format", kResultsFormat},
      {"run",
       {{"tool_version", run.tool_version},
        {"seed", seed_text(run.seed)},
        {"target",
         {{"name", run.target.name}, {"endpoint", run.target.endpoint}, {"kind", run.target.kind}}},
        {"spec", {{"file", run.spec_file}, {"sha256", run.spec_sha256}}},
        {"started_at", run.started_at},
        {"finished_at", run.finished_at},
        {"shard", {{"index", run.shard_index}, {"total", run.shard_total}, {"by", run.shard_by}}},
        {"operations", run.operations},
        {"merged_shards", run.merged_shards},
        {"state", to_string(run.state)},
        {"interruption", run.interruption},
        {"replay", run.replay},
        {"unsent_by_guard", run.unsent_by_guard},
        {"unsent_by_budget", run.unsent_by_budget}}},
      {"summary", summary_json(results)},
      {"checks", json::array()},
      {"coverage",
       {{"parameters", coverage_items_json(cov.parameters)},
        {"enum_values", coverage_items_json(cov.enum_values)},
        {"boundaries", coverage_items_json(cov.boundaries)},
        {"outcomes", coverage_items_json(cov.outcomes)}}}};
}

std::string dump(const json& value) {
  return value.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace

json to_json(const Results& results) {
  json doc = frame_json(results);
  for (const auto& r : results.checks) {
    doc["checks"].push_back(check_json(r));
  }
  return doc;
}

std::string check_json_fragment(const CheckResult& check) {
  // Indented for its place in the document (inside "checks", two levels down). Raw newlines only
  // come from pretty-printing: JSON strings escape theirs.
  const std::string text = dump(check_json(check));
  std::string out = "    ";
  for (char c : text) {
    out += c;
    if (c == '\n') {
      out += "    ";
    }
  }
  return out;
}

std::string results_json_text(const Results& results, const std::vector<std::string>& fragments) {
  std::string frame = dump(frame_json(results));
  if (!fragments.empty()) {
    std::size_t size = 32;
    for (const auto& f : fragments) {
      size += f.size() + 2;
    }
    std::string checks;
    checks.reserve(size);
    checks += "\"checks\": [\n";
    for (std::size_t i = 0; i < fragments.size(); ++i) {
      checks += fragments[i];
      checks += i + 1 < fragments.size() ? ",\n" : "\n";
    }
    checks += "  ]";
    // Unescaped quotes around a key can only be the key itself: string values escape theirs.
    const std::string placeholder = "\"checks\": []";
    frame.replace(frame.find(placeholder), placeholder.size(), checks);
  }
  return frame + "\n";
}

std::string to_json_text(const Results& results) {
  std::vector<std::string> fragments;
  fragments.reserve(results.checks.size());
  for (const auto& c : results.checks) {
    fragments.push_back(check_json_fragment(c));
  }
  return results_json_text(results, fragments);
}

Results results_from_json(const json& doc, const std::string& file) {
  const Reader rd(file);
  // The format first: another version's document would only break this version's schema.
  if (doc.is_object() && doc.contains("format") && doc["format"].is_string() &&
      doc["format"] != kResultsFormat) {
    rd.fail("/format", "unsupported format " + doc["format"].dump() + "; this conform reads \"" +
                           std::string(kResultsFormat) + "\"");
  }
  const auto violations = results_schema().validate(std::string(kResultsSchemaName), doc);
  if (!violations.empty()) {
    rd.fail(violations.front().pointer, wording(doc, violations.front()));
  }
  Results results;
  results.run = read_run(rd, doc["run"], "/run");
  const json& checks = Reader::items(doc, "checks");
  for (std::size_t i = 0; i < checks.size(); ++i) {
    results.checks.push_back(read_check(rd, checks[i], at("", "checks", i)));
  }
  if (const json* c = Reader::present(doc, "coverage")) {
    results.coverage.parameters = read_coverage_items(rd, *c, "parameters", "/coverage");
    results.coverage.enum_values = read_coverage_items(rd, *c, "enum_values", "/coverage");
    results.coverage.boundaries = read_coverage_items(rd, *c, "boundaries", "/coverage");
    results.coverage.outcomes = read_coverage_items(rd, *c, "outcomes", "/coverage");
  }
  // The summary is derived; one that disagrees means the checks were edited or cut short.
  if (const json* s = Reader::present(doc, "summary")) {
    const json expected = summary_json(results);
    if (*s != expected) {
      rd.fail("/summary", "summary does not match the checks (expected " + expected.dump() + ")");
    }
  }
  return results;
}

Results read_results(const std::string& path) {
  json doc;
  try {
    // A long run with many exchanges is far above the spec loader's 16 MiB.
    doc = conform::json::read_file_strict(path, std::size_t{1} << 30);
  } catch (const conform::json::ParseError& e) {
    throw ResultsError(path, "", (e.where.empty() ? "" : e.where + ": ") + e.what());
  }
  return results_from_json(doc, path);
}

}  // namespace conform::report
