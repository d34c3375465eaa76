#include "bench/soak/final_checks.h"

#include <algorithm>
#include <map>

namespace conform::bench::soak {

void check_final_state(mock::EmbeddedMock& mock, const std::vector<std::string>& tokens,
                       const std::vector<std::string>& token_ids, Report& report) {
  auto& fail = report.failures;
  if (report.sent != report.answered || report.unanswered > 0) {
    fail.push_back(std::to_string(report.sent) + " requests sent, " +
                   std::to_string(report.answered) + " answered");
  }
  if (report.wrong_answers > 0)
    fail.push_back(std::to_string(report.wrong_answers) + " wrong answers");
  if (report.server_errors > 0)
    fail.push_back(std::to_string(report.server_errors) + " answers with a 5xx status");

  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    index[tokens[i]] = i;
  std::vector<std::size_t> orders(tokens.size(), 0);
  for (const auto& record : mock.service().state().created()) {
    if (!record.client_token)
      continue;
    const auto it = index.find(*record.client_token);
    if (it == index.end())
      continue;
    ++report.orders_with_token;
    ++orders[it->second];
    const auto& seen = token_ids[it->second];
    if (!seen.empty() && seen != record.id) {
      fail.push_back("token " + *record.client_token + ": the mock recorded order " + record.id +
                     ", the answers named " + seen);
    }
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool answered = !token_ids[i].empty();
    report.tokens_used += answered ? 1 : 0;
    if (orders[i] > 1)
      ++report.tokens_with_extra_orders;
    if (answered && orders[i] == 0)
      fail.push_back("token " + tokens[i] + " was answered but the mock holds no order for it");
  }
  if (report.tokens_with_extra_orders > 0) {
    fail.push_back(std::to_string(report.tokens_with_extra_orders) +
                   " tokens have more than one order");
  }
  if (report.orders_with_token != report.tokens_used) {
    fail.push_back(std::to_string(report.orders_with_token) + " orders for " +
                   std::to_string(report.tokens_used) + " distinct tokens");
  }

  report.state = mock.service().state().sizes();
  const auto& limits = mock.service().state().limits();
  if (report.state.nonces > limits.max_nonces || report.state.records > limits.max_records)
    fail.push_back("the mock holds more nonces or records than its limits");
}

void check_rss(const Options& options, long max_growth_kib, Report& report) {
  const auto warm_at = static_cast<std::uint64_t>(options.warmup_share * double(options.requests));
  long peak_after_warm = 0;
  for (const auto& s : report.rss) {
    if (s.answered < warm_at)
      continue;
    if (report.rss_warm_kib == 0)
      report.rss_warm_kib = s.rss_kib;
    peak_after_warm = std::max(peak_after_warm, s.rss_kib);
  }
  report.rss_end_kib = report.rss.empty() ? 0 : report.rss.back().rss_kib;
  if (report.rss_warm_kib > 0 && peak_after_warm - report.rss_warm_kib > max_growth_kib) {
    report.failures.push_back(
        "RSS grew by " + std::to_string(peak_after_warm - report.rss_warm_kib) +
        " KiB after the warm-up (" + std::to_string(report.rss_warm_kib) + " -> " +
        std::to_string(peak_after_warm) + " KiB at its peak), more than the " +
        std::to_string(max_growth_kib) + " KiB allowed");
  }
}

}  // namespace conform::bench::soak
