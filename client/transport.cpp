#include "client/transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <deque>
#include <list>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

#include "client/rate_limiter.h"
#include "core/http/mask.h"

namespace conform::client {
namespace {

using Clock = std::chrono::steady_clock;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Job {
  std::size_t index = 0;
  const RequestSource* source = nullptr;
  int attempt = 0;
  Clock::time_point not_before;
  Clock::time_point first_start;
  std::vector<http::Retry> retries;
};

struct Active {
  CURL* easy = nullptr;
  Job job;
  Request request;
  curl_slist* headers = nullptr;
  std::size_t cap = 0;
  std::string url;
  std::string body;
  bool truncated = false;
  http::HeaderFields response_headers;
  char error_buffer[CURL_ERROR_SIZE] = {};
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* a = static_cast<Active*>(user);
  const size_t n = size * count;
  const size_t room = a->cap - std::min(a->cap, a->body.size());
  a->body.append(data, std::min(n, room));
  if (n > room) {
    // Returning short makes libcurl abort with CURLE_WRITE_ERROR: stop downloading at the cap.
    a->truncated = true;
    return 0;
  }
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* a = static_cast<Active*>(user);
  const size_t n = size * count;
  std::string_view line(data, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  if (line.starts_with("HTTP/")) {
    a->response_headers.clear();  // a new response (after 100-continue or similar) starts
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    a->response_headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
  }
  return n;
}

http::TransportError classify(CURLcode code, const Active& a, long connect_us, long os_errno,
                              int status, const TransportOptions& options) {
  using K = http::TransportErrorKind;
  std::string message = curl_easy_strerror(code);
  if (a.error_buffer[0] != '\0') {
    message += ": ";
    message += a.error_buffer;
  }
  K kind = K::kOther;
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      kind = K::kConnectFailed;
      break;
    case CURLE_OPERATION_TIMEDOUT:
      kind = connect_us == 0 ? K::kConnectTimeout : K::kTimeout;
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_SHUTDOWN_FAILED:
      kind = K::kTls;
      break;
    case CURLE_GOT_NOTHING:
      kind = K::kNoResponse;
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
      kind = K::kProtocol;
      break;
    case CURLE_PARTIAL_FILE:
      kind = K::kBodyIncomplete;
      break;
    case CURLE_RECV_ERROR:
      kind = os_errno == ECONNRESET ? K::kConnectionReset : K::kBodyIncomplete;
      break;
    case CURLE_SEND_ERROR:
      kind = os_errno == ECONNRESET ? K::kConnectionReset : K::kSendFailed;
      break;
    case CURLE_WRITE_ERROR:
      kind = a.truncated ? K::kBodyTooLarge : K::kOther;
      break;
    default:
      break;
  }
  // libcurl's wording names its own internals ("HTTP/0.9 when not allowed", "Recv failure");
  // reports lead with the fault as a server operator would name it.
  switch (kind) {
    case K::kBodyTooLarge:
      message = "response body exceeded the cap of " + std::to_string(a.cap) +
                " bytes; the record keeps the first " + std::to_string(a.cap);
      break;
    case K::kTimeout:
      message =
          "timeout after " + std::to_string(options.total_timeout.count()) + " ms: " + message;
      break;
    case K::kConnectTimeout:
      message = "connect timeout after " + std::to_string(options.connect_timeout.count()) +
                " ms: " + message;
      break;
    case K::kProtocol:
      message = (status == 0 ? "invalid status line: " : "malformed response head: ") + message;
      break;
    case K::kConnectionReset:
      message = "connection reset" +
                std::string(status == 0 ? " before the response head: "
                                        : " after the response head (HTTP " +
                                              std::to_string(status) + "): ") +
                message;
      break;
    case K::kNoResponse:
      message = "connection closed without a response: " + message;
      break;
    case K::kBodyIncomplete:
      message = "body shorter than announced: " + message;
      break;
    default:
      break;
  }
  return {kind, message};
}

bool is_form(const Request& r) {
  const auto type = http::find_header(r.headers, "content-type");
  return type && type->starts_with("application/x-www-form-urlencoded");
}

// The replay must reach the server the way this exchange did, or it fails where the run
// succeeded: the same CA file, and no verification when this exchange had none.
std::string with_tls_options(std::string command, bool skip_verification,
                             const std::string& ca_file) {
  std::string flags;
  if (skip_verification) {
    flags = " --insecure";
  } else if (!ca_file.empty()) {
    std::string quoted = "'";
    for (const char c : ca_file) {
      quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    flags = " --cacert " + quoted + "'";
  }
  // The curl line is the snippet's last line starting with curl; a body quoted above it may
  // hold anything, header values below it hold no newline.
  constexpr std::string_view kCurl = "\ncurl -sS";
  if (const auto at = command.rfind(kCurl); at != std::string::npos && !flags.empty()) {
    command.insert(at + kCurl.size(), flags);
  }
  if (skip_verification) {
    command = "# TLS verification was skipped for this exchange (curl --insecure).\n" + command;
  }
  return command;
}

}  // namespace

struct Transport::Impl {
  TransportOptions options;
  CURLM* multi = nullptr;
  std::vector<CURL*> idle;
  std::optional<TokenBucket> limiter;
  std::mt19937_64 rng{std::random_device{}()};
  long connections = 0;
  // libcurl reads these for every transfer; with one set, requests keep the whole URL.
  bool through_proxy = [] {
    for (const char* name :
         {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
      const char* value = std::getenv(name);
      if (value != nullptr && *value != '\0') {
        return true;
      }
    }
    return false;
  }();

  CURL* take_easy() {
    if (!idle.empty()) {
      CURL* e = idle.back();
      idle.pop_back();
      return e;  // still holds the options common to every request of this transport
    }
    CURL* e = curl_easy_init();
    if (e == nullptr) {
      throw std::runtime_error("curl_easy_init failed");
    }
    configure_once(e);
    return e;
  }

  // Options that are the same for every request, set once per handle: a reset and a full
  // reconfiguration per request cost about a tenth of the client's time per signed request.
  void configure_once(CURL* e) const {
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    if (!options.ca_file.empty()) {
      curl_easy_setopt(e, CURLOPT_CAINFO, options.ca_file.c_str());
    }
    if (options.dangerously_skip_tls_verification) {
      curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
  }

  void configure(Active& a) {
    CURL* e = a.easy;
    const Request& r = a.request;
    a.url = url_of(r);
    if (through_proxy) {
      curl_easy_setopt(e, CURLOPT_URL, a.url.c_str());
    } else {
      // libcurl prints a URL's query into the request line a byte at a time (its own printf into
      // a growing buffer): for a signed RPC query of a kilobyte that was a sixth of the whole
      // run's instructions. A request target it copies whole, as given, so the URL only names
      // the origin. A proxy that is not tunnelled needs the absolute URL, hence not there.
      const std::string origin = origin_of(r);
      std::string target = a.url.substr(origin.size());
      if (target.empty() || target.front() != '/') {
        target.insert(0, "/");  // what libcurl sends for a URL without a path
      }
      curl_easy_setopt(e, CURLOPT_URL, origin.c_str());
      curl_easy_setopt(e, CURLOPT_REQUEST_TARGET, target.c_str());
    }
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, a.error_buffer);
    curl_easy_setopt(e, CURLOPT_PRIVATE, &a);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &a);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &a);
    // A reused handle keeps the previous request's method: each choice sets all three.
    if (r.method == "GET") {
      curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
      curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, nullptr);
    } else {
      curl_easy_setopt(e, CURLOPT_POST, 1L);
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
      curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method != "POST" ? r.method.c_str() : nullptr);
    }
    for (const auto& h : r.headers) {
      a.headers = curl_slist_append(a.headers, (h.name + ": " + h.value).c_str());
    }
    // libcurl would otherwise add an unsigned Content-Type to every POST and wait for
    // 100-continue on large bodies.
    if (!http::find_header(r.headers, "content-type")) {
      a.headers = curl_slist_append(a.headers, "Content-Type:");
    }
    a.headers = curl_slist_append(a.headers, "Expect:");
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, a.headers);
  }

  http::Exchange finish(Active& a, CURLcode code) {
    http::Exchange x;
    const Request& r = a.request;
    x.method = r.method;
    x.url = http::mask_url(a.url);
    x.request_headers = http::mask_headers(r.headers);
    x.request_body = is_form(r) ? http::mask_params_text(r.body) : r.body;
    if (options.dangerously_skip_tls_verification || !options.ca_file.empty()) {
      x.replay_command = http::DeferredText::deferred(
          [inner = r.replay_command, skip = options.dangerously_skip_tls_verification,
           ca_file = options.ca_file] { return with_tls_options(inner.str(), skip, ca_file); });
    } else {
      x.replay_command = r.replay_command;
    }
    long status = 0;
    curl_easy_getinfo(a.easy, CURLINFO_RESPONSE_CODE, &status);
    x.status = static_cast<int>(status);
    x.response_headers = std::move(a.response_headers);
    x.response_body = std::move(a.body);
    x.response_truncated = a.truncated;
    curl_off_t connect = 0;
    curl_off_t first = 0;
    curl_off_t total = 0;
    curl_easy_getinfo(a.easy, CURLINFO_CONNECT_TIME_T, &connect);
    curl_easy_getinfo(a.easy, CURLINFO_STARTTRANSFER_TIME_T, &first);
    curl_easy_getinfo(a.easy, CURLINFO_TOTAL_TIME_T, &total);
    x.timings = {std::chrono::microseconds(connect), std::chrono::microseconds(first),
                 std::chrono::microseconds(total)};
    long new_connections = 0;
    curl_easy_getinfo(a.easy, CURLINFO_NUM_CONNECTS, &new_connections);
    connections += new_connections;
    if (code != CURLE_OK) {
      long os_errno = 0;
      curl_easy_getinfo(a.easy, CURLINFO_OS_ERRNO, &os_errno);
      x.error = classify(code, a, static_cast<long>(connect), os_errno, x.status, options);
    }
    return x;
  }

  std::vector<http::Exchange> run(std::deque<Job> pending) {
    std::vector<http::Exchange> results(pending.size());
    std::list<Active> active;
    const auto max_in_flight = static_cast<std::size_t>(std::max(1, options.max_in_flight));
    while (!pending.empty() || !active.empty()) {
      if (const auto reason = options.stop_reason ? options.stop_reason() : std::string();
          !reason.empty()) {
        abandon(reason, pending, active, results);
        break;
      }
      auto now = Clock::now();
      while (active.size() < max_in_flight) {
        auto ready = std::find_if(pending.begin(), pending.end(),
                                  [&](const Job& j) { return j.not_before <= now; });
        if (ready == pending.end() || (limiter && !limiter->try_acquire(now))) {
          break;
        }
        Job job = std::move(*ready);
        pending.erase(ready);
        if (job.attempt == 0) {
          job.first_start = now;
        }
        Request request = (*job.source)(job.attempt);
        if (auto refused = options.gate ? options.gate->admit(request) : std::nullopt) {
          results[job.index] = not_sent(request, job, *refused);
          continue;
        }
        Active& a = active.emplace_back();
        a.job = std::move(job);
        a.request = std::move(request);
        a.cap = options.max_response_bytes;
        a.easy = take_easy();
        configure(a);
        curl_multi_add_handle(multi, a.easy);
      }
      int running = 0;
      curl_multi_perform(multi, &running);
      int queued = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
        if (msg->msg != CURLMSG_DONE) {
          continue;
        }
        CURL* easy = msg->easy_handle;
        const CURLcode code = msg->data.result;
        auto it = std::find_if(active.begin(), active.end(),
                               [&](const Active& a) { return a.easy == easy; });
        curl_multi_remove_handle(multi, easy);
        http::Exchange x = finish(*it, code);
        curl_slist_free_all(it->headers);
        idle.push_back(easy);
        Job job = std::move(it->job);
        active.erase(it);
        schedule_or_store(std::move(job), std::move(x), pending, results);
      }
      now = Clock::now();
      auto wait = std::chrono::milliseconds(100);
      for (const auto& j : pending) {
        const auto until = std::chrono::ceil<std::chrono::milliseconds>(j.not_before - now);
        wait = std::min(wait, std::max(std::chrono::milliseconds(0), until));
      }
      if (limiter && !pending.empty()) {
        wait =
            std::max(wait, std::chrono::ceil<std::chrono::milliseconds>(limiter->wait_time(now)));
        wait = std::min(wait, std::chrono::milliseconds(100));
      }
      if (!active.empty()) {
        curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::max<long long>(1, wait.count())),
                        nullptr);
      } else if (!pending.empty()) {
        std::this_thread::sleep_for(wait);
      }
    }
    return results;
  }

  static http::Exchange not_sent(const Request& r, Job& job, const std::string& reason) {
    http::Exchange x;
    x.method = r.method;
    x.url = http::mask_url(url_of(r));
    x.error = http::TransportError{http::TransportErrorKind::kNotSent, "not sent: " + reason};
    x.retries = std::move(job.retries);
    return x;
  }

  void abandon(const std::string& reason, std::deque<Job>& pending, std::list<Active>& active,
               std::vector<http::Exchange>& results) {
    for (auto& a : active) {
      curl_multi_remove_handle(multi, a.easy);
      http::Exchange x = finish(a, CURLE_OK);
      x.error = http::TransportError{http::TransportErrorKind::kNotSent,
                                     "abandoned before the answer came: " + reason};
      curl_slist_free_all(a.headers);
      idle.push_back(a.easy);
      x.retries = std::move(a.job.retries);
      results[a.job.index] = std::move(x);
    }
    active.clear();
    for (auto& j : pending) {
      http::Exchange x;
      x.error = http::TransportError{http::TransportErrorKind::kNotSent, "not sent: " + reason};
      x.retries = std::move(j.retries);
      results[j.index] = std::move(x);
    }
    pending.clear();
  }

  void schedule_or_store(Job job, http::Exchange x, std::deque<Job>& pending,
                         std::vector<http::Exchange>& results) {
    const auto reason = retry_reason(x);
    if (reason && job.attempt < options.retry.max_retries) {
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      const auto delay =
          backoff_delay(job.attempt + 1, options.retry, unit(rng), retry_after(x.response_headers));
      const auto now = Clock::now();
      if (now + delay <= job.first_start + options.retry.max_total) {
        job.retries.push_back({job.attempt + 1, *reason, delay, x.status});
        ++job.attempt;
        job.not_before = now + delay;
        pending.push_back(std::move(job));
        return;
      }
    }
    x.retries = std::move(job.retries);
    results[job.index] = std::move(x);
  }
};

Transport::Transport(TransportOptions options) : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->options = std::move(options);
  impl_->multi = curl_multi_init();
  if (impl_->multi == nullptr) {
    throw std::runtime_error("curl_multi_init failed");
  }
  // libcurl's default keeps at most four idle connections per transfer still added: as a batch
  // drains, the connections its last transfers return are closed, and the next batch opens them
  // again (a new connection every 25 requests at 32 in flight).
  curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS,
                    static_cast<long>(std::max(4, impl_->options.max_in_flight)));
  if (impl_->options.requests_per_second > 0) {
    impl_->limiter.emplace(impl_->options.requests_per_second, impl_->options.burst);
  }
}

Transport::~Transport() {
  for (CURL* e : impl_->idle) {
    curl_easy_cleanup(e);
  }
  curl_multi_cleanup(impl_->multi);
}

http::Exchange Transport::send(const Request& request) {
  return send(RequestSource([&request](int) { return request; }));
}

http::Exchange Transport::send(const RequestSource& source) {
  return std::move(send_all({source}).front());
}

std::vector<http::Exchange> Transport::send_all(const std::vector<RequestSource>& sources) {
  std::deque<Job> jobs;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    Job j;
    j.index = i;
    j.source = &sources[i];
    jobs.push_back(std::move(j));
  }
  return impl_->run(std::move(jobs));
}

long Transport::connections_opened() const {
  return impl_->connections;
}

}  // namespace conform::client
