#include <cstdio>

#include "bench/soak/soak.h"

namespace conform::bench::soak {

std::string summary(const Report& r) {
  std::string out;
  const auto line = [&](const std::string& text) { out += text + "\n"; };
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f s, %.0f req/s", r.seconds, r.requests_per_second());
  line("soak: " + std::to_string(r.sent) + " sent, " + std::to_string(r.answered) + " answered, " +
       std::to_string(r.unanswered) + " unanswered, " + std::to_string(r.wrong_answers) +
       " wrong, " + std::to_string(r.server_errors) + " 5xx, " + std::to_string(r.observations) +
       " observations; " + rate + "; " + std::to_string(r.connections_opened) +
       " client connections opened");
  std::string kinds;
  for (const auto& [kind, n] : r.by_kind)
    kinds += (kinds.empty() ? "" : " ") + kind + "=" + std::to_string(n);
  line("  kinds: " + kinds);
  std::string statuses;
  for (const auto& [status, n] : r.statuses)
    statuses += (statuses.empty() ? "" : " ") + std::to_string(status) + "x" + std::to_string(n);
  line("  statuses: " + statuses);
  line("  tokens answered: " + std::to_string(r.tokens_used) +
       ", orders with those tokens in the mock: " + std::to_string(r.orders_with_token) +
       ", tokens with extra orders: " + std::to_string(r.tokens_with_extra_orders) +
       ", tokens answered with differing IDs: " + std::to_string(r.tokens_with_differing_ids));
  line("  mock state: " + std::to_string(r.state.nonces) + " nonces held (" +
       std::to_string(r.state.nonces_evicted) + " evicted early), " +
       std::to_string(r.state.records) + " records held (" +
       std::to_string(r.state.records_created) + " created, " +
       std::to_string(r.state.records_evicted) + " forgotten)");
  std::string rss;
  for (const auto& s : r.rss)
    rss += (rss.empty() ? "" : " ") + std::to_string(s.answered) + ":" + std::to_string(s.rss_kib);
  line("  RSS KiB after warm-up " + std::to_string(r.rss_warm_kib) + ", at the end " +
       std::to_string(r.rss_end_kib) + "; series (answered:KiB) " + rss);
  for (const auto& f : r.failures)
    line("  FAILED: " + f);
  return out;
}

}  // namespace conform::bench::soak
