#include "suites/target.h"

#include <algorithm>
#include <cstdlib>
#include <regex>

#include "core/json/parse.h"
#include "core/json/pointer.h"
#include "core/spec/resource_fixtures.h"

namespace conform::suite {
namespace {

using nlohmann::json;

std::string host_of(const std::string& endpoint) {
  auto rest =
      endpoint.substr(endpoint.find("://") == std::string::npos ? 0 : endpoint.find("://") + 3);
  rest = rest.substr(0, rest.find('/'));
  if (!rest.empty() && rest.front() == '[')
    return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find(':'));
}

[[noreturn]] void fail(const std::string& file, const std::string& pointer,
                       const std::string& message) {
  throw TargetError(file + ":" + (pointer.empty() ? "/" : pointer) + ": " + message);
}

// `at` is where `doc` sits in the file, so members of a section ("/tls") are named in full.
template <typename T>
T member(const json& doc, const char* key, const std::string& file, T fallback,
         const std::string& at = "") {
  if (!doc.contains(key))
    return fallback;
  try {
    return doc[key].get<T>();
  } catch (const json::exception&) {
    fail(file, conform::json::pointer_append(at, key),
         std::string("has the wrong type (") + doc[key].type_name() + ")");
  }
}

// A section that is not an object would otherwise be read as empty, its settings silently lost.
const json& section(const json& doc, const char* key, const std::string& file) {
  const auto& s = doc[key];
  if (!s.is_object())
    fail(file, conform::json::pointer_append("", key), "expected an object");
  return s;
}

// A problem of a target, wherever it came from; a file's loader names the member at `pointer`.
[[noreturn]] void invalid(const std::string& pointer, const std::string& message) {
  TargetError error(message);
  error.pointer = pointer;
  throw error;
}

void refuse_secrets(const json& j, const std::string& file, const std::string& pointer) {
  static const std::regex kSecretKey("secret|password|token", std::regex::icase);
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      const auto at = conform::json::pointer_append(pointer, key);
      // Names of environment variables are welcome; values of secrets are not.
      const bool names_env = key.size() > 4 && key.compare(key.size() - 4, 4, "_env") == 0;
      if (!names_env && std::regex_search(key, kSecretKey) && value.is_string()) {
        fail(file, at,
             "a target file never holds secrets; name an environment variable with \"" + key +
                 "_env\"");
      }
      refuse_secrets(value, file, at);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      refuse_secrets(j[i], file, conform::json::pointer_append(pointer, i));
  }
}

// An Alibaba Cloud AccessKey secret is 30 letters and digits of both cases; nothing else a target
// file holds (ids carry dashes, names rarely mix all three) looks like that.
bool looks_like_access_key_secret(const std::string& value) {
  static const std::regex kShape("^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])[A-Za-z0-9]{30}$");
  return std::regex_match(value, kShape);
}

// Values are checked as well as keys: a secret pasted under an innocent key ("comment", an id) is
// still a secret in a file that gets committed. Messages name the place, never the value.
void refuse_secret_values(const json& j, const std::string& file, const std::string& pointer,
                          const std::vector<std::pair<std::string, std::string>>& env_secrets) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items())
      refuse_secret_values(value, file, conform::json::pointer_append(pointer, key), env_secrets);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      refuse_secret_values(j[i], file, conform::json::pointer_append(pointer, i), env_secrets);
  } else if (j.is_string()) {
    const auto& text = j.get_ref<const std::string&>();
    for (const auto& [variable, secret] : env_secrets) {
      if (!secret.empty() && text.find(secret) != std::string::npos) {
        fail(file, pointer, "a target file never holds secrets; this value contains $" + variable);
      }
    }
    if (looks_like_access_key_secret(text)) {
      fail(file, pointer,
           "a target file never holds secrets; this value looks like an AccessKey secret");
    }
  }
}

}  // namespace

bool Target::is_local() const {
  if (is_embedded_mock())
    return true;
  // A name such as "127.example.com" is not an address and may resolve anywhere.
  static const std::regex kLoopbackV4(R"(127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})");
  const auto host = host_of(endpoint);
  return host == "localhost" || host == "[::1]" || std::regex_match(host, kLoopbackV4);
}

Target load_target(const std::string& path, const spec::Operation& op) {
  json doc;
  try {
    doc = conform::json::read_file_strict(path);
  } catch (const conform::json::ParseError& e) {
    throw TargetError(path + (e.where.empty() ? "" : ":" + e.where) + ": " + e.what());
  }
  if (!doc.is_object())
    fail(path, "", "a target file is a JSON object");
  refuse_secrets(doc, path, "");
  static const std::vector<std::string> kKnown = {
      "name",       "endpoint", "region",         "resources",  "credentials",
      "rate_limit", "cases",    "allow_billable", "max_orders", "divergences",
      "tls",        "comment",  "timeout_ms",     "control_url"};
  for (const auto& [key, _] : doc.items()) {
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) {
      fail(path, "/" + key, "unknown member \"" + key + "\"");
    }
  }
  Target t;
  t.file = path;
  t.name = member<std::string>(doc, "name", path, path);
  t.endpoint = member<std::string>(doc, "endpoint", path, "");
  t.region = member<std::string>(doc, "region", path, "");
  t.control_url = member<std::string>(doc, "control_url", path, "");
  t.requests_per_second = member<double>(doc, "rate_limit", path, 0);
  t.allow_billable = member<bool>(doc, "allow_billable", path, false);
  if (doc.contains("timeout_ms"))
    t.timeout = std::chrono::milliseconds(member<int>(doc, "timeout_ms", path, 30000));
  if (doc.contains("max_orders"))
    t.max_orders = member<int>(doc, "max_orders", path, 0);
  if (doc.contains("cases")) {
    const auto& c = section(doc, "cases", path);
    t.valid_cases = member<int>(c, "valid", path, t.valid_cases, "/cases");
    t.invalid_cases = member<int>(c, "invalid", path, t.invalid_cases, "/cases");
  }
  if (doc.contains("credentials")) {
    const auto& c = section(doc, "credentials", path);
    auto& env = t.credential_env;
    env.access_key_id =
        member<std::string>(c, "access_key_id_env", path, env.access_key_id, "/credentials");
    env.access_key_secret = member<std::string>(c, "access_key_secret_env", path,
                                                env.access_key_secret, "/credentials");
    env.security_token =
        member<std::string>(c, "security_token_env", path, env.security_token, "/credentials");
  }
  {
    std::vector<std::pair<std::string, std::string>> env_secrets;
    for (const auto& variable :
         {t.credential_env.access_key_secret, t.credential_env.security_token}) {
      if (const char* value = variable.empty() ? nullptr : std::getenv(variable.c_str()))
        env_secrets.emplace_back(variable, value);
    }
    refuse_secret_values(doc, path, "", env_secrets);
  }
  if (doc.contains("tls")) {
    const auto& tls = section(doc, "tls", path);
    t.ca_file = member<std::string>(tls, "ca_file", path, "", "/tls");
    t.insecure_tls = member<bool>(tls, "dangerously_skip_verification", path, false, "/tls");
  }
  if (doc.contains("resources")) {
    try {
      for (auto& r :
           spec::read_resource_fixtures(doc["resources"], op, path, "/resources",
                                        {.other_state_allowed = true, .state_required = false})) {
        t.resources.push_back(std::move(r));
      }
    } catch (const spec::ResourceFixtureError& e) {
      throw TargetError(e.what());
    }
  }
  if (doc.contains("divergences")) {
    const auto& d = doc["divergences"];
    if (!d.is_array())
      fail(path, "/divergences", "expected an array");
    for (std::size_t i = 0; i < d.size(); ++i) {
      const auto at = conform::json::pointer_append("/divergences", i);
      if (!d[i].is_object() || !d[i].contains("check") || !d[i]["check"].is_string() ||
          !d[i].contains("reason") || !d[i]["reason"].is_string() ||
          d[i]["reason"].get<std::string>().empty()) {
        fail(path, at, "a divergence needs a \"check\" and a non-empty \"reason\"");
      }
      t.divergences.push_back({d[i]["check"], d[i]["reason"]});
    }
  }
  try {
    validate_target(t, op);
  } catch (const TargetError& e) {
    fail(path, e.pointer, e.what());
  }
  return t;
}

void validate_target(Target& t, const spec::Operation& op) {
  if (!t.endpoint.empty() && t.endpoint.rfind("http://", 0) != 0 &&
      t.endpoint.rfind("https://", 0) != 0) {
    invalid("/endpoint", "endpoint \"" + t.endpoint + "\" must start with http:// or https://");
  }
  if (!t.control_url.empty() && t.control_url.rfind("http://", 0) != 0 &&
      t.control_url.rfind("https://", 0) != 0) {
    invalid("/control_url",
            "control_url \"" + t.control_url + "\" must start with http:// or https://");
  }
  for (const auto& r : t.resources) {
    const auto* res = op.find_resource(r.resource);
    if (!res)
      invalid("/resources", "the spec has no resource \"" + r.resource + "\"");
    if (!r.state.empty()) {
      const bool known =
          std::any_of(res->states.begin(), res->states.end(), [&](const spec::ResourceState& s) {
            return s.name == r.state ||
                   std::find(s.aliases.begin(), s.aliases.end(), r.state) != s.aliases.end();
          });
      if (!known)
        invalid("/resources",
                r.resource + " " + r.id + ": the spec has no state \"" + r.state + "\"");
    }
  }
  // The region is a resource of the spec like any other; --region and "region" name its ID.
  if (!t.region.empty() && op.find_resource("region")) {
    const bool listed = std::any_of(
        t.resources.begin(), t.resources.end(),
        [&](const TargetResource& r) { return r.resource == "region" && r.id == t.region; });
    if (!listed)
      t.resources.push_back({"region", t.region, "", false, {}});
  }
  if (t.requests_per_second < 0)
    invalid("/rate_limit", "rate_limit must not be negative");
  if (t.valid_cases < 1 || t.invalid_cases < 1)
    invalid("/cases", "case counts must be at least 1");
  if (t.timeout.count() < 1)
    invalid("/timeout_ms", "timeout_ms must be at least 1");
  if (t.max_orders && *t.max_orders < 0)
    invalid("/max_orders", "max_orders must not be negative");
  // Real endpoints get the documented quota unless the file says otherwise: the suite must not be
  // the reason an account is throttled.
  if (!t.is_local() && t.requests_per_second == 0 && op.quota) {
    t.requests_per_second = static_cast<double>(op.quota->requests) / op.quota->per_seconds;
  }
}

}  // namespace conform::suite
