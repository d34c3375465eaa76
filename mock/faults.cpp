#include "mock/faults.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace conform::mock {
namespace {

double parse_share(const std::string& item, const std::string& value) {
  double share = -1;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), share);
  if (ec != std::errc() || ptr != value.data() + value.size() || share < 0 || share > 1) {
    throw std::invalid_argument("fault " + item + ": the share must be a number from 0 to 1");
  }
  return share;
}

bool has_field(const std::vector<spec::Field>& fields, std::string_view path) {
  const auto dot = path.find('.');
  const auto head = path.substr(0, dot);
  for (const auto& f : fields) {
    if (f.name != head)
      continue;
    return dot == std::string_view::npos || has_field(f.fields, path.substr(dot + 1));
  }
  return false;
}

}  // namespace

bool Faults::any() const {
  return latency.count() > 0 || error_share > 0 || throttle_share > 0 || drop_share > 0 ||
         malformed_share > 0 || !skip_rules.empty() || !wrong_code_rules.empty() ||
         !wrong_status_rules.empty() || !server_error_rules.empty() || !drop_fields.empty() ||
         wrong_content_type || ignore_client_token;
}

std::string fault_help() {
  return "  latency=MS             wait MS milliseconds before every answer\n"
         "  error-rate=SHARE       answer SHARE of requests with the service-failure outcome\n"
         "  throttle-rate=SHARE    answer SHARE of requests with the throttling outcome\n"
         "  drop-rate=SHARE        close SHARE of connections without an answer\n"
         "  malformed-rate=SHARE   cut SHARE of bodies in the middle\n"
         "  skip-rule=RULE         accept requests that break RULE (a rule id of the spec)\n"
         "  skip-signature         accept requests whatever their signature\n"
         "  wrong-code=RULE        answer RULE's breach with a code its outcome does not accept\n"
         "  wrong-status=RULE      answer RULE's breach with the right code and a wrong status\n"
         "  server-error=RULE      answer RULE's breach with the error catalogue's 5xx code\n"
         "  drop-field=PATH        leave a field (e.g. Data.Id) out of success bodies\n"
         "  wrong-content-type     send JSON bodies as XML and XML bodies as JSON\n"
         "  ignore-client-token    create a new record for every call, whatever its client token\n"
         "  seed=N                 seed of the random shares (default 0)\n";
}

Faults parse_faults(const std::vector<std::string>& items, const spec::Operation& op) {
  Faults f;
  auto rule_id = [&](const std::string& item, const std::string& id) {
    for (const auto& r : op.rules) {
      if (r.id == id)
        return id;
    }
    throw std::invalid_argument("fault " + item + ": the spec has no rule \"" + id + "\"");
  };
  for (const auto& item : items) {
    const auto eq = item.find('=');
    const std::string name = item.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    const bool needs_value =
        name != "wrong-content-type" && name != "ignore-client-token" && name != "skip-signature";
    if (needs_value && value.empty()) {
      throw std::invalid_argument("fault " + item + ": needs a value (" + name + "=...)");
    }
    if (name == "latency") {
      long ms = -1;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
      if (ec != std::errc() || ptr != value.data() + value.size() || ms < 0 || ms > 600000) {
        throw std::invalid_argument("fault " + item + ": latency is milliseconds from 0 to 600000");
      }
      f.latency = std::chrono::milliseconds(ms);
    } else if (name == "error-rate") {
      f.error_share = parse_share(item, value);
    } else if (name == "throttle-rate") {
      f.throttle_share = parse_share(item, value);
    } else if (name == "drop-rate") {
      f.drop_share = parse_share(item, value);
    } else if (name == "malformed-rate") {
      f.malformed_share = parse_share(item, value);
    } else if (name == "skip-rule") {
      f.skip_rules.insert(rule_id(item, value));
    } else if (name == "skip-signature") {
      for (const auto& r : op.rules) {
        if (r.check == spec::Check::kSignature)
          f.skip_rules.insert(r.id);
      }
    } else if (name == "wrong-code") {
      f.wrong_code_rules.insert(rule_id(item, value));
    } else if (name == "wrong-status") {
      f.wrong_status_rules.insert(rule_id(item, value));
    } else if (name == "server-error") {
      const bool catalogued = std::any_of(op.errors.begin(), op.errors.end(),
                                          [](const spec::ErrorCode& e) { return e.http >= 500; });
      if (!catalogued)
        throw std::invalid_argument("fault " + item + ": the error catalogue has no 5xx code");
      f.server_error_rules.insert(rule_id(item, value));
    } else if (name == "drop-field") {
      if (!has_field(op.response.fields, value)) {
        throw std::invalid_argument("fault " + item + ": the success response has no field " +
                                    value);
      }
      f.drop_fields.insert(value);
    } else if (name == "wrong-content-type") {
      f.wrong_content_type = true;
    } else if (name == "ignore-client-token") {
      f.ignore_client_token = true;
    } else if (name == "seed") {
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), f.seed);
      if (ec != std::errc() || ptr != value.data() + value.size()) {
        throw std::invalid_argument("fault " + item + ": the seed is a non-negative integer");
      }
    } else {
      throw std::invalid_argument("unknown fault \"" + item + "\"; the faults are:\n" +
                                  fault_help());
    }
  }
  return f;
}

}  // namespace conform::mock
