#include "reports/results_json.h"

#include <algorithm>
#include <initializer_list>
#include <limits>

#include "core/json/parse.h"

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
  return {{"kind", r.kind},
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

// Walks the document with the JSON pointer of every value at hand, so each error names its place.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw ResultsError(file_, pointer, message);
  }

  const json& object(const json& value, const std::string& pointer,
                     std::initializer_list<std::string_view> allowed) const {
    if (!value.is_object()) {
      fail(pointer, "expected an object, found " + std::string(value.type_name()));
    }
    for (const auto& [key, _] : value.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        fail(pointer + "/" + escape(key), "unknown key \"" + key + "\"");
      }
    }
    return value;
  }

  const json* member(const json& obj, const std::string& key, const std::string& pointer,
                     bool required) const {
    const auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) {
        fail(pointer, "missing required key \"" + key + "\"");
      }
      return nullptr;
    }
    return &*it;
  }

  std::string string(const json& obj, const std::string& key, const std::string& pointer,
                     bool required = false) const {
    const json* v = member(obj, key, pointer, required);
    if (v == nullptr) {
      return {};
    }
    if (!v->is_string()) {
      fail(pointer + "/" + key, "expected a string, found " + std::string(v->type_name()));
    }
    return v->get<std::string>();
  }

  std::int64_t integer(const json& obj, const std::string& key, const std::string& pointer,
                       std::int64_t minimum, std::int64_t maximum, bool required = false) const {
    const json* v = member(obj, key, pointer, required);
    if (v == nullptr) {
      return 0;
    }
    if (!v->is_number_integer()) {
      fail(pointer + "/" + key, "expected an integer, found " + std::string(v->type_name()));
    }
    const auto n =
        v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(maximum)
            ? maximum + 1
            : v->get<std::int64_t>();
    if (n < minimum || n > maximum) {
      fail(pointer + "/" + key, "value " + v->dump() + " is outside [" + std::to_string(minimum) +
                                    ", " + std::to_string(maximum) + "]");
    }
    return n;
  }

  int small_int(const json& obj, const std::string& key, const std::string& pointer,
                std::int64_t minimum, bool required = false) const {
    return static_cast<int>(
        integer(obj, key, pointer, minimum, std::numeric_limits<int>::max(), required));
  }

  bool boolean(const json& obj, const std::string& key, const std::string& pointer) const {
    const json* v = member(obj, key, pointer, false);
    if (v == nullptr) {
      return false;
    }
    if (!v->is_boolean()) {
      fail(pointer + "/" + key, "expected true or false, found " + std::string(v->type_name()));
    }
    return v->get<bool>();
  }

  const json& array(const json& obj, const std::string& key, const std::string& pointer) const {
    static const json kEmpty = json::array();
    const json* v = member(obj, key, pointer, false);
    if (v == nullptr) {
      return kEmpty;
    }
    if (!v->is_array()) {
      fail(pointer + "/" + key, "expected an array, found " + std::string(v->type_name()));
    }
    return *v;
  }

  std::uint64_t seed(const json& value, const std::string& pointer) const {
    if (!value.is_string()) {
      fail(pointer, "expected a seed as a decimal string, found " + std::string(value.type_name()));
    }
    const auto& text = value.get_ref<const std::string&>();
    if (text.empty() || text.size() > 20 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      fail(pointer, "seed \"" + text + "\" is not a decimal number");
    }
    try {
      return std::stoull(text);
    } catch (const std::exception&) {
      fail(pointer, "seed \"" + text + "\" does not fit in 64 bits");
    }
  }

  static std::string escape(const std::string& key) {
    std::string out;
    for (char c : key) {
      if (c == '~') {
        out += "~0";
      } else if (c == '/') {
        out += "~1";
      } else {
        out += c;
      }
    }
    return out;
  }

  static std::string at(const std::string& pointer, std::size_t index) {
    return pointer + "/" + std::to_string(index);
  }

 private:
  std::string file_;
};

constexpr std::int64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();

http::HeaderFields read_headers(const Reader& rd, const json& obj, const std::string& key,
                                const std::string& pointer) {
  http::HeaderFields out;
  const json& items = rd.array(obj, key, pointer);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string p = Reader::at(pointer + "/" + key, i);
    const json& h = rd.object(items[i], p, {"name", "value"});
    out.push_back({rd.string(h, "name", p, true), rd.string(h, "value", p, true)});
  }
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

http::Exchange read_exchange(const Reader& rd, const json& value, const std::string& p) {
  const json& o = rd.object(
      value, p,
      {"method", "url", "request_headers", "request_body", "status", "response_headers",
       "response_body", "response_truncated", "timings", "retries", "error", "replay_command"});
  http::Exchange e;
  e.method = rd.string(o, "method", p);
  e.url = rd.string(o, "url", p);
  e.request_headers = read_headers(rd, o, "request_headers", p);
  e.request_body = rd.string(o, "request_body", p);
  e.status = rd.small_int(o, "status", p, 0);
  e.response_headers = read_headers(rd, o, "response_headers", p);
  e.response_body = rd.string(o, "response_body", p);
  e.response_truncated = rd.boolean(o, "response_truncated", p);
  if (const json* t = rd.member(o, "timings", p, false)) {
    const std::string tp = p + "/timings";
    rd.object(*t, tp, {"connect_us", "first_byte_us", "total_us"});
    e.timings.connect = std::chrono::microseconds(rd.integer(*t, "connect_us", tp, 0, kMaxInt64));
    e.timings.first_byte =
        std::chrono::microseconds(rd.integer(*t, "first_byte_us", tp, 0, kMaxInt64));
    e.timings.total = std::chrono::microseconds(rd.integer(*t, "total_us", tp, 0, kMaxInt64));
  }
  const json& retries = rd.array(o, "retries", p);
  for (std::size_t i = 0; i < retries.size(); ++i) {
    const std::string rp = Reader::at(p + "/retries", i);
    const json& r = rd.object(retries[i], rp, {"attempt", "reason", "delay_ms", "status"});
    e.retries.push_back({rd.small_int(r, "attempt", rp, 0), rd.string(r, "reason", rp),
                         std::chrono::milliseconds(rd.integer(r, "delay_ms", rp, 0, kMaxInt64)),
                         rd.small_int(r, "status", rp, 0)});
  }
  if (const json* err = rd.member(o, "error", p, false); err != nullptr && !err->is_null()) {
    const std::string ep = p + "/error";
    rd.object(*err, ep, {"kind", "message"});
    const std::string kind = rd.string(*err, "kind", ep, true);
    const auto k = transport_kind(kind);
    if (!k) {
      rd.fail(ep + "/kind", "unknown transport error kind \"" + kind + "\"");
    }
    e.error = http::TransportError{*k, rd.string(*err, "message", ep)};
  }
  e.replay_command = rd.string(o, "replay_command", p);
  return e;
}

CheckResult read_check(const Reader& rd, const json& value, const std::string& p) {
  const json& o = rd.object(
      value, p,
      {"kind", "name", "spec", "verdict", "message", "seed", "expected", "observed",
       "counterexample", "exchanges", "replay_command", "duration_us", "retries", "cases_sent"});
  CheckResult r;
  r.kind = rd.string(o, "kind", p, true);
  r.name = rd.string(o, "name", p, true);
  if (r.kind.empty() || r.name.empty()) {
    rd.fail(p, "kind and name must not be empty");
  }
  if (const json* s = rd.member(o, "spec", p, false)) {
    const std::string sp = p + "/spec";
    rd.object(*s, sp, {"file", "rule", "pointer"});
    r.spec = {rd.string(*s, "file", sp), rd.string(*s, "rule", sp), rd.string(*s, "pointer", sp)};
  }
  const std::string verdict = rd.string(o, "verdict", p, true);
  const auto v = verdict_from_string(verdict);
  if (!v) {
    rd.fail(p + "/verdict", "unknown verdict \"" + verdict +
                                "\" (passed, failed, skipped, inconclusive, observation)");
  }
  r.verdict = *v;
  r.message = rd.string(o, "message", p);
  if (const json* s = rd.member(o, "seed", p, false); s != nullptr && !s->is_null()) {
    r.seed = rd.seed(*s, p + "/seed");
  }
  const json& expected = rd.array(o, "expected", p);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::string ap = Reader::at(p + "/expected", i);
    const json& a = rd.object(expected[i], ap, {"http", "code"});
    r.expected.push_back({rd.small_int(a, "http", ap, 0, true), rd.string(a, "code", ap)});
  }
  if (const json* ob = rd.member(o, "observed", p, false); ob != nullptr && !ob->is_null()) {
    const std::string op = p + "/observed";
    rd.object(*ob, op, {"http", "code", "content_type"});
    r.observed = Observed{rd.small_int(*ob, "http", op, 0), rd.string(*ob, "code", op),
                          rd.string(*ob, "content_type", op)};
  }
  if (const json* ce = rd.member(o, "counterexample", p, false); ce != nullptr && !ce->is_null()) {
    const std::string cp = p + "/counterexample";
    rd.object(*ce, cp, {"description", "parameters"});
    Counterexample c{rd.string(*ce, "description", cp), {}};
    const json& params = rd.array(*ce, "parameters", cp);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const std::string pp = Reader::at(cp + "/parameters", i);
      const json& param = rd.object(params[i], pp, {"name", "value"});
      c.parameters.emplace_back(rd.string(param, "name", pp, true),
                                rd.string(param, "value", pp, true));
    }
    r.counterexample = std::move(c);
  }
  const json& exchanges = rd.array(o, "exchanges", p);
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    r.exchanges.push_back(read_exchange(rd, exchanges[i], Reader::at(p + "/exchanges", i)));
  }
  r.replay_command = rd.string(o, "replay_command", p);
  r.duration = std::chrono::microseconds(rd.integer(o, "duration_us", p, 0, kMaxInt64));
  r.retries = rd.small_int(o, "retries", p, 0);
  r.cases_sent = rd.small_int(o, "cases_sent", p, 0);
  return r;
}

RunInfo read_run(const Reader& rd, const json& value, const std::string& p) {
  const json& o = rd.object(value, p,
                            {"tool_version", "seed", "target", "spec", "started_at", "finished_at",
                             "shard", "merged_shards", "state", "interruption"});
  RunInfo run;
  run.tool_version = rd.string(o, "tool_version", p, true);
  run.seed = rd.seed(*rd.member(o, "seed", p, true), p + "/seed");
  if (const json* t = rd.member(o, "target", p, false)) {
    const std::string tp = p + "/target";
    rd.object(*t, tp, {"name", "endpoint", "kind"});
    run.target = {rd.string(*t, "name", tp), rd.string(*t, "endpoint", tp),
                  rd.string(*t, "kind", tp)};
  }
  const json& spec = rd.object(*rd.member(o, "spec", p, true), p + "/spec", {"file", "sha256"});
  run.spec_file = rd.string(spec, "file", p + "/spec", true);
  run.spec_sha256 = rd.string(spec, "sha256", p + "/spec", true);
  run.started_at = rd.string(o, "started_at", p, true);
  run.finished_at = rd.string(o, "finished_at", p);
  if (const json* s = rd.member(o, "shard", p, false)) {
    const std::string sp = p + "/shard";
    rd.object(*s, sp, {"index", "total"});
    run.shard_total = rd.small_int(*s, "total", sp, 1, true);
    run.shard_index = rd.small_int(*s, "index", sp, 0, true);
    if (run.shard_index >= run.shard_total) {
      rd.fail(sp + "/index", "shard index " + std::to_string(run.shard_index) +
                                 " is not below the total " + std::to_string(run.shard_total));
    }
  }
  run.merged_shards = rd.small_int(o, "merged_shards", p, 0);
  const std::string state = rd.string(o, "state", p, true);
  const auto s = run_state_from_string(state);
  if (!s) {
    rd.fail(p + "/state", "unknown run state \"" + state + "\" (running, finished, interrupted)");
  }
  run.state = *s;
  run.interruption = rd.string(o, "interruption", p);
  return run;
}

std::vector<CoverageItem> read_coverage_items(const Reader& rd, const json& obj,
                                              const std::string& key, const std::string& pointer) {
  std::vector<CoverageItem> out;
  const json& items = rd.array(obj, key, pointer);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string p = Reader::at(pointer + "/" + key, i);
    const json& item = rd.object(items[i], p, {"name", "count"});
    out.push_back({rd.string(item, "name", p, true),
                   static_cast<std::uint64_t>(rd.integer(item, "count", p, 0, kMaxInt64, true))});
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
        {"shard", {{"index", run.shard_index}, {"total", run.shard_total}}},
        {"merged_shards", run.merged_shards},
        {"state", to_string(run.state)},
        {"interruption", run.interruption}}},
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
  const json& o = rd.object(doc, "", {"format", "run", "summary", "checks", "coverage"});
  const std::string format = rd.string(o, "format", "", true);
  if (format != kResultsFormat) {
    rd.fail("/format", "unsupported format \"" + format + "\"; this conform reads \"" +
                           std::string(kResultsFormat) + "\"");
  }
  Results results;
  results.run = read_run(rd, *rd.member(o, "run", "", true), "/run");
  const json& checks = rd.array(o, "checks", "");
  for (std::size_t i = 0; i < checks.size(); ++i) {
    results.checks.push_back(read_check(rd, checks[i], Reader::at("/checks", i)));
  }
  if (const json* c = rd.member(o, "coverage", "", false)) {
    rd.object(*c, "/coverage", {"parameters", "enum_values", "boundaries", "outcomes"});
    results.coverage.parameters = read_coverage_items(rd, *c, "parameters", "/coverage");
    results.coverage.enum_values = read_coverage_items(rd, *c, "enum_values", "/coverage");
    results.coverage.boundaries = read_coverage_items(rd, *c, "boundaries", "/coverage");
    results.coverage.outcomes = read_coverage_items(rd, *c, "outcomes", "/coverage");
  }
  // The summary is derived; one that disagrees means the checks were edited or cut short.
  if (const json* s = rd.member(o, "summary", "", false)) {
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
