#include "mock/control_api.h"

#include <nlohmann/json.hpp>

#include "core/sign/percent.h"
#include "mock/service.h"

namespace conform::mock {
namespace {

using nlohmann::json;

http::Response json_response(int status, const json& body) {
  http::Response r;
  r.status = status;
  r.headers.push_back({"Content-Type", "application/json;charset=utf-8"});
  // Echoed resource ids come from a decoded query and may be any bytes; nlohmann throws on
  // invalid UTF-8 unless told to replace it.
  r.body = body.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  return r;
}

http::Response bad_request(const std::string& message) {
  return json_response(400, {{"error", message}});
}

std::string query_value(const sign::Params& params, const std::string& name) {
  for (const auto& p : params) {
    if (p.name == name)
      return p.value;
  }
  return "";
}

json faults_json(const Faults& f) {
  return {{"latency_ms", f.latency.count()},
          {"error_rate", f.error_share},
          {"throttle_rate", f.throttle_share},
          {"drop_rate", f.drop_share},
          {"malformed_rate", f.malformed_share},
          {"skip_rules", f.skip_rules},
          {"wrong_code_rules", f.wrong_code_rules},
          {"wrong_status_rules", f.wrong_status_rules},
          {"drop_fields", f.drop_fields},
          {"wrong_content_type", f.wrong_content_type},
          {"ignore_client_token", f.ignore_client_token},
          {"seed", f.seed}};
}

}  // namespace

http::Response handle_control(MockService& service, const http::ReceivedRequest& request) {
  const std::string what = request.path.substr(MockService::kControlPrefix.size());
  const auto query = sign::parse_params(request.query, sign::PlusIs::kSpace).params;
  const auto& op = service.operation();

  if (what == "health" && request.method == "GET")
    return json_response(200, {{"ok", true}});
  if (what == "reset" && request.method == "POST") {
    service.state().reset();
    return json_response(200, {{"reset", true}});
  }
  if (what == "records" && request.method == "GET") {
    // ?client_token=T lists only what T created: a long run made thousands of records.
    const auto token = query_value(query, "client_token");
    json list = json::array();
    for (const auto& r :
         token.empty() ? service.state().created() : service.state().created_with_token(token)) {
      json params = json::object();
      for (const auto& p : r.params)
        params[p.name] = p.value;
      list.push_back({{"kind", r.kind},
                      {"id", r.id},
                      {"access_key_id", r.access_key_id},
                      {"client_token", r.client_token ? json(*r.client_token) : json(nullptr)},
                      {"params", params},
                      {"values", r.values}});
    }
    return json_response(200, list);
  }
  if (what == "resources") {
    if (request.method == "GET") {
      json list = json::array();
      for (const auto& r : service.state().resources()) {
        list.push_back({{"resource", r.resource}, {"id", r.id}, {"state", r.state}});
      }
      return json_response(200, list);
    }
    const std::string resource = query_value(query, "resource");
    const std::string id = query_value(query, "id");
    if (resource.empty() || id.empty())
      return bad_request("resource and id are required");
    if (request.method == "DELETE") {
      return json_response(service.state().remove(resource, id) ? 200 : 404, {{"removed", id}});
    }
    if (request.method == "POST") {
      const std::string state = query_value(query, "state");
      try {
        service.state().set(
            parse_resource_flag(op, resource, state.empty() ? id : id + "=" + state));
      } catch (const spec::ResourceFixtureError& e) {
        return bad_request(e.what());
      }
      return json_response(200, {{"resource", resource}, {"id", id}, {"state", state}});
    }
  }
  if (what == "faults") {
    if (request.method == "GET")
      return json_response(200, faults_json(service.faults()));
    if (request.method == "POST") {
      const auto body = json::parse(request.body, nullptr, false);
      if (!body.is_array() ||
          !std::all_of(body.begin(), body.end(), [](const json& j) { return j.is_string(); })) {
        return bad_request("expected a JSON array of fault switches, e.g. [\"skip-rule=...\"]");
      }
      try {
        service.set_faults(parse_faults(body.get<std::vector<std::string>>(), op));
      } catch (const std::invalid_argument& e) {
        return bad_request(e.what());
      }
      return json_response(200, faults_json(service.faults()));
    }
  }
  return json_response(404,
                       {{"error", "no control endpoint " + request.method + " " + request.path}});
}

}  // namespace conform::mock
