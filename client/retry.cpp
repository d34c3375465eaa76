#include "client/retry.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace conform::client {

std::optional<std::string> error_code(std::string_view body) {
  // The code sits at the top level of a shallow document; a body nested deeper than any error
  // document stops the parse at once (a 100,000-level bomb would otherwise cost a full scan and a
  // 100,000-level tree for every attempt), and has no code.
  struct TooDeep {};
  const auto shallow = [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > 64)
      throw TooDeep{};
    return true;
  };
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(body, shallow, false);
  } catch (const TooDeep&) {
    return std::nullopt;
  }
  if (!json.is_discarded()) {
    if (json.is_object() && json.contains("Code") && json["Code"].is_string()) {
      return json["Code"].get<std::string>();
    }
    return std::nullopt;
  }
  const std::size_t open = body.find("<Code>");
  if (open == std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t start = open + 6;
  const std::size_t close = body.find("</Code>", start);
  if (close == std::string_view::npos) {
    return std::nullopt;
  }
  return std::string(body.substr(start, close - start));
}

std::optional<std::string> retry_reason(const http::Exchange& exchange) {
  if (exchange.error) {
    const auto kind = exchange.error->kind;
    if (kind == http::TransportErrorKind::kConnectFailed ||
        kind == http::TransportErrorKind::kConnectTimeout) {
      return std::string(http::to_string(kind)) + ": " + exchange.error->message;
    }
    return std::nullopt;
  }
  if (exchange.status < 400) {
    return std::nullopt;  // throttling and unavailability are always errors; skip the body parse
  }
  if (exchange.status >= 500) {
    // The server answered that it failed: a retry may succeed, and the judge fails a server
    // error only once the budget is spent. A client token makes the retry of an order safe.
    const auto code = error_code(exchange.response_body);
    return "HTTP " + std::to_string(exchange.status) + (code ? " (" + *code + ")" : "");
  }
  // Most 4xx answers are the refusals a conformance run asks for: the body is parsed only when
  // it could name a code that asks for a retry, spelled out or through an escape.
  const std::string_view body = exchange.response_body;
  const auto has = [&](std::string_view s) { return body.find(s) != std::string_view::npos; };
  if (!has("Throttling") && !has("ServiceUnavailable") && !has("\\u")) {
    return std::nullopt;
  }
  const auto code = error_code(body);
  if (code && (code->starts_with("Throttling") || *code == "ServiceUnavailable")) {
    return "error code " + *code + " (HTTP " + std::to_string(exchange.status) + ")";
  }
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> retry_after(const http::HeaderFields& headers) {
  const auto value = http::find_header(headers, "x-acs-retry-after");
  if (!value) {
    return std::nullopt;
  }
  try {
    std::size_t used = 0;
    const double seconds = std::stod(*value, &used);
    if (used == 0 || !(seconds >= 0) || seconds > 3600) {
      return std::nullopt;
    }
    return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::chrono::milliseconds backoff_delay(int retry_number, const RetryPolicy& policy,
                                        double unit_random,
                                        std::optional<std::chrono::milliseconds> server_hint) {
  const int exponent = std::clamp(retry_number - 1, 0, 30);
  const double full =
      std::min(static_cast<double>(policy.max_delay.count()),
               static_cast<double>(policy.base_delay.count()) * std::ldexp(1.0, exponent));
  const auto jittered = std::chrono::milliseconds(
      static_cast<long long>(full / 2 + full / 2 * std::clamp(unit_random, 0.0, 1.0)));
  if (server_hint && *server_hint > jittered) {
    return *server_hint;
  }
  return jittered;
}

}  // namespace conform::client
