#include "mock/service.h"

#include <algorithm>

#include "core/spec/evaluate.h"
#include "core/spec/styled_wire.h"
#include "mock/bodies.h"
#include "mock/control_api.h"
#include "mock/incoming_call.h"
#include "mock/protocol_checks.h"

namespace conform::mock {
namespace {

std::mt19937_64& id_random() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return random;
}

std::string fill(std::string code, const std::string& param) {
  const auto pos = code.find("{param}");
  if (pos != std::string::npos)
    code.replace(pos, 7, param);
  return code;
}

struct ChosenAnswer {
  int http = 400;
  std::string code;
  std::string message;
};

// The answer the mock gives for a breached rule: the outcome's first answer it can spell out
// (a Missing{param} code needs the parameter's name), unless a fault says to answer wrongly.
ChosenAnswer choose_answer(const spec::Operation& op, const spec::Outcome& outcome,
                           const std::string& param, bool wrong_code, bool wrong_status) {
  ChosenAnswer chosen;
  for (const auto& a : outcome.accept) {
    const bool is_template = a.code.find("{param}") != std::string::npos;
    if (is_template && param.empty())
      continue;
    const auto* entry = op.find_error(a.code, a.http);
    chosen = {a.http, fill(a.code, param), entry ? fill(entry->message, param) : a.code};
    break;
  }
  if (wrong_code) {
    // A documented code of the operation that this outcome does not accept: the realistic mistake.
    for (const auto& e : op.errors) {
      if (e.is_template())
        continue;
      const bool accepted = std::any_of(outcome.accept.begin(), outcome.accept.end(),
                                        [&](const spec::Answer& a) { return a.code == e.code; });
      if (!accepted) {
        chosen = {e.http, e.code, e.message};
        if (!e.common)
          break;
      }
    }
  }
  if (wrong_status)
    chosen.http = chosen.http == 400 ? 404 : 400;
  return chosen;
}

// The catalogue's first server error that is not unavailability, else its first server error: a
// 503 is the one 5xx a client may treat as inconclusive.
ChosenAnswer server_error(const spec::Operation& op) {
  const spec::ErrorCode* pick = nullptr;
  for (const auto& e : op.errors) {
    if (e.http >= 500 && (!pick || (pick->http == 503 && e.http != 503)))
      pick = &e;
  }
  return pick ? ChosenAnswer{pick->http, pick->code, pick->message} : ChosenAnswer{500, "", ""};
}

http::Response body_response(int status, const Body& body, const spec::Operation& op,
                             const std::string& request_id, bool wrong_content_type) {
  http::Response r;
  r.status = status;
  std::string content_type = body.content_type;
  if (wrong_content_type) {
    // Another format's media type: the body is in one format, its header names the other.
    for (const auto& [format, accepted] : op.protocol.content_types) {
      if (accepted.front().text != body.content_type) {
        content_type = accepted.front().text;
        break;
      }
    }
  }
  r.headers.push_back({"Content-Type", content_type});
  r.headers.push_back({op.protocol.request_id_header, request_id});
  r.body = body.text;
  return r;
}

}  // namespace

MockService::MockService(std::shared_ptr<const spec::Operation> op, InitialResources fixtures,
                         KeyStore keys, ServiceOptions options)
    : op_(std::move(op)),
      keys_(std::move(keys)),
      options_(std::move(options)),
      state_(std::move(fixtures), options_.limits, options_.nonces),
      faults_(options_.faults),
      fault_random_(options_.faults.seed) {}

void MockService::set_faults(Faults faults) {
  std::lock_guard lock(faults_mutex_);
  fault_random_.seed(faults.seed);
  faults_ = std::move(faults);
}

Faults MockService::faults() const {
  std::lock_guard lock(faults_mutex_);
  return faults_;
}

double MockService::draw() {
  std::lock_guard lock(faults_mutex_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(fault_random_);
}

http::Response MockService::handle(const http::ReceivedRequest& request) {
  if (options_.control_api && request.path.rfind(kControlPrefix, 0) == 0)
    return control(request);
  const Faults faults = this->faults();
  if (faults.drop_share > 0 && draw() < faults.drop_share) {
    http::Response dropped;
    dropped.close_without_response = true;
    dropped.delay = faults.latency;
    return dropped;
  }
  auto response = answer_call(request);
  response.delay = faults.latency;
  if (faults.malformed_share > 0 && draw() < faults.malformed_share) {
    response.truncate_body_to = response.body.size() / 2;
  }
  return response;
}

http::Response MockService::answer_call(const http::ReceivedRequest& request) {
  const auto& op = *op_;
  const Faults faults = this->faults();
  const IncomingCall call = read_call(op, request);
  const std::string request_id = make_request_id(id_random());
  const std::string host = call.host.empty() ? "127.0.0.1" : call.host;
  const ProtocolContext context{
      op, keys_, state_, options_.clock(), options_.authenticate, options_.enforce_quota, request};

  std::string subject;
  const spec::ExternalCheck external = [&](const spec::Rule& rule) -> std::optional<std::string> {
    switch (rule.check) {
      case spec::Check::kExists: {
        const auto it = call.params.find(rule.param);
        if (it == call.params.end())
          return std::nullopt;  // absence is the present rule's concern
        if (!state_.state_of(rule.resource, it->second))
          return rule.resource + " " + it->second + " does not exist";
        return std::nullopt;
      }
      case spec::Check::kState: {
        const auto it = call.params.find(rule.param);
        if (it == call.params.end())
          return std::nullopt;
        const auto state = state_.state_of(rule.resource, it->second);
        if (state &&
            std::find(rule.states.begin(), rule.states.end(), *state) == rule.states.end()) {
          return rule.resource + " " + it->second + " is " + *state;
        }
        return std::nullopt;
      }
      case spec::Check::kService:
        if (!rule.resource.empty()) {
          const auto it = call.params.find(rule.param);
          if (it != call.params.end() && state_.fails(rule.resource, it->second, rule.id))
            return rule.resource + " " + it->second + " fails " + rule.id;
        }
        if (op.outcome_of(rule).transient && faults.error_share > 0 &&
            draw() < faults.error_share) {
          return "injected service failure";
        }
        return std::nullopt;
      case spec::Check::kRate:
        if (faults.throttle_share > 0 && draw() < faults.throttle_share)
          return "injected throttling";
        break;
      default:
        break;
    }
    if (auto b = check_protocol_rule(rule, call, context)) {
      subject = b->subject;
      return b->detail;
    }
    return std::nullopt;
  };

  auto error_answer = [&](const spec::Outcome& outcome, const std::string& param,
                          const std::string& rule_id, const std::string& detail,
                          bool signature_rule) {
    auto chosen =
        faults.server_error_rules.count(rule_id)
            ? server_error(op)
            : choose_answer(op, outcome, param, faults.wrong_code_rules.count(rule_id) > 0,
                            faults.wrong_status_rules.count(rule_id) > 0);
    // The service's wording for signature errors carries its string to sign; keep that detail.
    // Only the signature rule's: other details echo parameter values, which may say anything.
    const auto server_part = detail.find("server");
    if (signature_rule && server_part != std::string::npos)
      chosen.message += " " + detail.substr(server_part);
    ProtocolValues values{request_id, host, chosen.code, chosen.message,
                          recommend_link(op, chosen.code, request_id)};
    return body_response(chosen.http, render_error(op, call.format, values), op, request_id,
                         faults.wrong_content_type);
  };

  for (const auto& rule : op.rules) {
    if (faults.skip_rules.count(rule.id))
      continue;
    subject.clear();
    if (auto detail = spec::rule_breach(op, rule, call.params, external)) {
      return error_answer(op.outcome_of(rule), rule.param.empty() ? subject : rule.param, rule.id,
                          *detail, rule.check == spec::Check::kSignature);
    }
  }

  // Every rule holds: create (once per client token) and answer with the spec's success shape.
  sign::Params op_params;
  for (const auto& p : call.all) {
    const auto* def = spec::owner_of(op, p.name);  // a list's wire keys count as its own
    if (def && !def->common)
      op_params.push_back(p);
  }
  std::sort(op_params.begin(), op_params.end(), [](const sign::Param& a, const sign::Param& b) {
    return std::tie(a.name, a.value) < std::tie(b.name, b.value);
  });
  std::optional<std::string> token;
  if (op.idempotency && !faults.ignore_client_token) {
    if (auto it = call.params.find(op.idempotency->token); it != call.params.end())
      token = it->second;
  }
  const auto creation = state_.create_once(call.access_key_id.value_or(""), token, op_params, [&] {
    CreatedRecord record;
    record.kind = op.effects ? op.effects->creates : op.action;
    record.access_key_id = call.access_key_id.value_or("");
    record.client_token = token;
    record.params = op_params;
    record.values = generate_values(op, id_random());
    record.created = context.now;
    std::function<void(const std::vector<spec::Field>&, const std::string&)> find_id =
        [&](const std::vector<spec::Field>& fields, const std::string& prefix) {
          for (const auto& f : fields) {
            const std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
            if (f.identifies && record.values.count(path))
              record.id = record.values[path];
            find_id(f.fields, path);
          }
        };
    find_id(op.response.fields, "");
    return record;
  });
  if (creation.replayed && creation.params_differ && op.idempotency &&
      op.idempotency->different_request) {
    const auto& outcome = op.outcomes[*op.idempotency->different_request];
    return error_answer(outcome, op.idempotency->token, outcome.id,
                        "client token reused with other parameters", false);
  }
  ProtocolValues values{request_id, host, "", "", ""};
  return body_response(
      op.response.http,
      render_success(op, call.format, values, creation.record.values, faults.drop_fields), op,
      request_id, faults.wrong_content_type);
}

http::Response MockService::control(const http::ReceivedRequest& request) {
  if (!request.peer_is_loopback) {
    return http::Response::text(403, "the control API answers loopback peers only\n");
  }
  return handle_control(*this, request);
}

}  // namespace conform::mock
