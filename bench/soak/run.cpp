// The soak's loop: batches of the mix through the client with many requests in flight, each
// answer judged by the suites' judge, then the final checks against the mock's state.
#include <algorithm>
#include <chrono>
#include <functional>

#include "bench/rss.h"
#include "bench/soak/final_checks.h"
#include "bench/soak/mix.h"
#include "bench/soak/raw_sender.h"
#include "bench/soak/soak.h"
#include "client/transport.h"
#include "core/validate/response_check.h"

namespace conform::bench::soak {
namespace {

// A batch keeps every connection busy for a while before send_all drains; short enough that
// the replay and nonce pools it fills stay recent.
constexpr std::size_t kBatchPerConnection = 8;

// The response path of the field that identifies what a success created ("" when none).
std::string identifier_path(const std::vector<spec::Field>& fields, const std::string& prefix) {
  for (const auto& f : fields) {
    const std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
    if (f.identifies)
      return path;
    if (auto inner = identifier_path(f.fields, path); !inner.empty())
      return inner;
  }
  return "";
}

class Soak {
 public:
  Soak(mock::EmbeddedMock& mock, const Options& options)
      : mock_(mock),
        options_(options),
        mix_(mock, options),
        id_path_(identifier_path(mix_.op().response.fields, "")),
        token_ids_(mix_.tokens().size()) {
    client::TransportOptions t;
    t.max_in_flight = std::max(1, options.connections);
    t.retry.max_retries = 0;  // every request is sent once: a retry would hide a lost answer
    transport_ = std::make_unique<client::Transport>(t);
    sample_every_ = std::max<std::uint64_t>(1, options.requests / options.rss_samples);
  }

  Report run() {
    const auto start = std::chrono::steady_clock::now();
    const std::size_t batch =
        static_cast<std::size_t>(std::max(1, options_.connections)) * kBatchPerConnection;
    while (report_.sent < options_.requests)
      send_batch(std::min<std::uint64_t>(batch, options_.requests - report_.sent));
    report_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    report_.connections_opened = transport_->connections_opened();
    sample_rss();
    check_final_state(mock_, mix_.tokens(), token_ids_, report_);
    return report_;
  }

 private:
  void send_batch(std::uint64_t size) {
    std::vector<Item> items;
    std::vector<client::RequestSource> sources;
    for (std::uint64_t i = 0; i < size; ++i) {
      items.push_back(mix_.next());
      ++report_.sent;
      ++report_.by_kind[items.back().kind];
    }
    std::vector<std::size_t> by_client;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].raw.empty()) {
        by_client.push_back(i);
        sources.push_back([&items, i](int) { return items[i].request; });
      }
    }
    const auto exchanges = transport_->send_all(sources);
    for (std::size_t k = 0; k < by_client.size(); ++k)
      judge(items[by_client[k]], exchanges[k]);
    for (const auto& item : items) {
      if (!item.raw.empty())
        judge_raw(item, send_raw(mock_.port(), item.raw));
    }
  }

  void judge(const Item& item, const http::Exchange& exchange) {
    if (exchange.error) {
      ++report_.unanswered;
      fail(item, "no answer: " + exchange.error->message);
      return answered_one();
    }
    count_status(exchange.status);
    const auto judgement = suite::judge(mix_.op(), item.format, item.expected, exchange);
    using V = decltype(judgement.verdict);
    if (judgement.verdict == V::kObservation) {
      ++report_.observations;
    } else if (judgement.verdict != V::kPassed) {
      ++report_.wrong_answers;
      fail(item, judgement.message);
    } else if (item.expected.kind == suite::Expectation::Kind::kSuccess) {
      mix_.accepted(item);
      if (item.token)
        note_token(item, exchange);
    }
    ++report_.answered;
    answered_one();
  }

  void judge_raw(const Item& item, const RawAnswer& answer) {
    if (answer.status == 0) {
      ++report_.unanswered;
      fail(item, "no answer" + (answer.error.empty() ? "" : ": " + answer.error));
      return answered_one();
    }
    count_status(answer.status);
    if (answer.status != item.raw_status || !answer.closed) {
      ++report_.wrong_answers;
      fail(item, "answered " + std::to_string(answer.status) +
                     (answer.closed ? " and closed" : "") + ", expected " +
                     std::to_string(item.raw_status) + " and a close");
    }
    ++report_.answered;
    answered_one();
  }

  // Every success of a racing token must name the order its first success named.
  void note_token(const Item& item, const http::Exchange& exchange) {
    validate::FieldValues values;
    validate::check_success(mix_.op(), item.format, suite::observed_of(mix_.op(), exchange),
                            &values);
    const auto id = values.find(id_path_);
    if (id == values.end() || id->second.empty()) {
      ++report_.wrong_answers;
      return fail(item, "a success without " + id_path_);
    }
    auto& known = token_ids_[*item.token];
    if (known.empty()) {
      known = id->second;
      mix_.token_answered(*item.token);
    } else if (known != id->second) {
      ++report_.tokens_with_differing_ids;
      fail(item, "token " + mix_.tokens()[*item.token] + " answered with order " + id->second +
                     " after order " + known);
    }
  }

  void count_status(int status) {
    ++report_.statuses[status];
    if (status >= 500)
      ++report_.server_errors;
  }

  void fail(const Item& item, const std::string& what) {
    if (report_.failures.size() < 20)
      report_.failures.push_back(item.kind + ": " + what);
  }

  void answered_one() {
    if ((report_.answered + report_.unanswered) % sample_every_ == 0)
      sample_rss();
  }

  void sample_rss() {
    const RssSample s{report_.answered, rss_kib()};
    report_.rss.push_back(s);
    if (options_.on_sample)
      options_.on_sample(s.answered, s.rss_kib);
  }

  mock::EmbeddedMock& mock_;
  const Options options_;
  Mix mix_;
  const std::string id_path_;
  std::vector<std::string> token_ids_;  // the order ID each token was first answered with
  std::unique_ptr<client::Transport> transport_;
  std::uint64_t sample_every_ = 1;
  Report report_;
};

}  // namespace

Report run(mock::EmbeddedMock& mock, const Options& options, long max_rss_growth_kib) {
  Soak soak(mock, options);
  auto report = soak.run();
  check_rss(options, max_rss_growth_kib, report);
  return report;
}

}  // namespace conform::bench::soak
