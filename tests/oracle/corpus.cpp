#include "tests/oracle/corpus.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/json/parse.h"
#include "core/json/schema_validator.h"

namespace conform::oracle {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::string_view kCorpusFormat = "conform-oracle/1";
constexpr std::string_view kCorpusSchema = "oracle.schema.json";
constexpr std::string_view kEndpointSchema = "oracle-endpoint.schema.json";

Json read(const std::string& path) {
  try {
    return conform::json::read_file_strict(path, 16u << 20);
  } catch (const conform::json::ParseError& e) {
    throw CorpusError(path + (e.where.empty() ? "" : ":" + e.where) + ": " + e.what());
  }
}

void validate(const conform::json::SchemaSet& schemas, std::string_view schema,
              const std::string& path, const Json& doc) {
  const auto violations = schemas.validate(std::string(schema), doc);
  if (violations.empty())
    return;
  std::string message;
  for (const auto& v : violations)
    message += path + ":" + (v.pointer.empty() ? "/" : v.pointer) + ": " + v.keyword + ": " +
               v.message + "\n";
  throw CorpusError(message);
}

Departure departure_of(const Json& j) {
  Departure d;
  if (j.contains("action"))
    d.action = j["action"].get<std::string>();
  if (j.contains("version"))
    d.version = j["version"].get<std::string>();
  if (j.contains("credentials"))
    d.credentials = j["credentials"].get<std::string>();
  if (j.contains("timestamp"))
    d.timestamp = j["timestamp"].get<std::string>();
  if (j.contains("clock_offset_seconds"))
    d.clock_offset_seconds = j["clock_offset_seconds"].get<long long>();
  d.reuse_nonce = j.value("reuse_nonce", false);
  if (j.contains("drop"))
    d.drop = j["drop"].get<std::vector<std::string>>();
  if (j.contains("set_after_signing")) {
    for (const auto& [name, value] : j["set_after_signing"].items())
      d.set_after_signing.push_back({name, value.get<std::string>()});
  }
  return d;
}

Case case_of(const Json& j, const std::string& file) {
  Case c;
  c.id = j["id"].get<std::string>();
  c.description = j["description"].get<std::string>();
  c.file = file;
  const auto& r = j["request"];
  c.request.signature =
      r["signature"] == "V3" ? spec::SignatureScheme::kV3 : spec::SignatureScheme::kV1;
  c.request.method = r["method"].get<std::string>();
  if (r.contains("format"))
    c.request.format = r["format"].get<std::string>();
  c.request.placement = r["placement"].get<std::string>();
  for (const auto& [name, value] : r["params"].items())
    c.request.params.push_back({name, value.get<std::string>()});
  if (r.contains("protocol"))
    c.request.departure = departure_of(r["protocol"]);
  const auto& e = j["expect"];
  const auto outcome = e["outcome"].get<std::string>();
  c.expect = outcome == "success"        ? Expect::kSuccess
             : outcome == "error"        ? Expect::kError
             : outcome == "client-error" ? Expect::kClientError
                                         : Expect::kOpen;
  for (const auto& a : e.value("answers", Json::array()))
    c.answers.push_back({a["http"].get<int>(), a["code"].get<std::string>()});
  c.note = e.value("note", std::string());
  for (const auto& s : j["sources"])
    c.sources.push_back({s["document"].get<std::string>(), s.value("pointer", std::string()),
                         s["quote"].get<std::string>()});
  if (j.contains("pending")) {
    const auto& p = j["pending"];
    c.pending = Pending{p["capability"].get<std::string>(), p["note"].get<std::string>(),
                        p.value("mock", false)};
  }
  return c;
}

}  // namespace

Corpus load_corpus(const std::string& dir, const std::string& schema_dir) {
  conform::json::SchemaSet schemas;
  for (auto name : {kCorpusSchema, kEndpointSchema}) {
    const std::string path = (fs::path(schema_dir) / name).string();
    schemas.add(std::string(name), read(path));
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  Corpus corpus;
  std::set<std::string> endpoint_files;
  std::set<std::string> ids;
  for (const auto& path : files) {
    const auto doc = read(path.string());
    if (doc.value("format", "") != kCorpusFormat)
      continue;  // the endpoint file, read below through the corpus files that name it
    validate(schemas, kCorpusSchema, path.string(), doc);
    const auto base = path.parent_path();
    corpus.operation = (base / doc["operation"].get<std::string>()).lexically_normal().string();
    endpoint_files.insert((base / doc["endpoint"].get<std::string>()).lexically_normal().string());
    for (const auto& j : doc["cases"]) {
      auto c = case_of(j, path.filename().string());
      if (!ids.insert(c.id).second)
        throw CorpusError(path.string() + ": case id \"" + c.id + "\" is used twice");
      corpus.cases.push_back(std::move(c));
    }
  }
  if (endpoint_files.size() != 1) {
    throw CorpusError(dir + ": the corpus files must name one endpoint file, they name " +
                      std::to_string(endpoint_files.size()));
  }
  const std::string endpoint_path = *endpoint_files.begin();
  const auto endpoint = read(endpoint_path);
  validate(schemas, kEndpointSchema, endpoint_path, endpoint);
  for (const auto& [resource, list] : endpoint["resources"].items()) {
    for (const auto& h : list)
      corpus.endpoint.push_back({resource, h["id"].get<std::string>(),
                                 h.value("state", std::string()),
                                 h.value("fails", std::vector<std::string>{})});
  }
  return corpus;
}

std::string quoted_sources(const Case& c) {
  std::string out;
  for (const auto& s : c.sources) {
    out += (out.empty() ? "" : "; ") + s.document + (s.pointer.empty() ? "" : " " + s.pointer) +
           ": \"" + s.quote + "\"";
  }
  return out;
}

std::string_view to_string(Expect expect) {
  switch (expect) {
    case Expect::kSuccess:
      return "success";
    case Expect::kError:
      return "error";
    case Expect::kClientError:
      return "client error, code open";
    case Expect::kOpen:
      return "open";
  }
  return "?";
}

}  // namespace conform::oracle
