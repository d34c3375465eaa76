#include "mock/http/request_parser.h"

#include <algorithm>
#include <utility>

#include "core/text/ascii.h"

namespace conform::mock::http {

namespace {

// A chunk-size line is a few hex digits plus rarely-used extensions; anything longer is abuse.
constexpr std::size_t kMaxChunkLineBytes = 4096;
constexpr std::uint64_t kMaxUint64 = ~std::uint64_t{0};
constexpr std::uint64_t kMaxEagerReserve = 64 * 1024;

bool is_tchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
    return true;
  }
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_tchar);
}

// Field values may carry obs-text (bytes >= 0x80) but no control characters other than HTAB.
bool is_field_value(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
  });
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Lines end in CRLF; a bare LF is tolerated (RFC 9112 2.2) but a stray CR is not.
bool strip_line_end(std::string_view& line) {
  if (!line.empty() && line.back() == '\n') {
    line.remove_suffix(1);
  }
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return line.find('\r') == std::string_view::npos;
}

bool parse_field_line(std::string_view line, Headers& out) {
  if (!strip_line_end(line) || line.empty() || line.front() == ' ' || line.front() == '\t') {
    return false;  // obs-fold is rejected, as RFC 9112 5.2 allows
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return false;
  }
  const std::string_view name = line.substr(0, colon);
  const std::string_view value = trim_ows(line.substr(colon + 1));
  if (!is_token(name) || !is_field_value(value)) {
    return false;  // includes whitespace before the colon (RFC 9112 5.1: MUST reject)
  }
  out.push_back({std::string(name), std::string(value)});
  return true;
}

bool parse_decimal(std::string_view s, std::uint64_t& out) {
  if (s.empty()) {
    return false;
  }
  std::uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (v > (kMaxUint64 - digit) / 10) {
      return false;
    }
    v = v * 10 + digit;
  }
  out = v;
  return true;
}

}  // namespace

RequestParser::State RequestParser::state() const {
  switch (phase_) {
    case Phase::kDone:
      return State::kComplete;
    case Phase::kError:
      return State::kError;
    default:
      return State::kNeedMore;
  }
}

std::size_t RequestParser::fail(int status, std::string message) {
  phase_ = Phase::kError;
  error_status_ = status;
  error_message_ = std::move(message);
  keep_alive_ = false;
  return 0;
}

ReceivedRequest RequestParser::take() {
  ReceivedRequest done = std::move(request_);
  request_ = ReceivedRequest{};
  phase_ = Phase::kHead;
  head_scan_from_ = 0;
  remaining_ = 0;
  trailer_bytes_ = 0;
  expects_continue_ = false;
  keep_alive_ = true;
  return done;
}

// Up to remaining_ bytes of a body (or of one chunk), then `next` once all have come.
std::size_t RequestParser::consume_body_bytes(std::string_view data, Phase next) {
  const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, data.size()));
  request_.body.append(data.substr(0, n));
  remaining_ -= n;
  if (remaining_ == 0)
    phase_ = next;
  return n;
}

std::size_t RequestParser::consume(std::string_view data) {
  std::size_t used = 0;
  while (used < data.size()) {
    const std::string_view rest = data.substr(used);
    std::size_t n = 0;
    switch (phase_) {
      case Phase::kHead:
        n = consume_head(rest);
        break;
      case Phase::kBodyLength:
        n = consume_body_bytes(rest, Phase::kDone);
        break;
      case Phase::kChunkSize:
        n = consume_chunk_size(rest);
        break;
      case Phase::kChunkData:
        n = consume_body_bytes(rest, Phase::kChunkDataEnd);
        break;
      case Phase::kChunkDataEnd:
        n = consume_chunk_data_end(rest);
        break;
      case Phase::kTrailers:
        n = consume_trailers(rest);
        break;
      case Phase::kDone:
      case Phase::kError:
        return used;
    }
    used += n;
    if (phase_ == Phase::kDone || phase_ == Phase::kError) {
      return used;
    }
    if (n == 0) {
      break;  // the current element is incomplete
    }
  }
  return used;
}

std::size_t RequestParser::consume_head(std::string_view data) {
  // Empty lines before a request line are ignored (RFC 9112 2.2), e.g. a CRLF left after a body.
  std::size_t skipped = 0;
  while (skipped < data.size()) {
    if (data[skipped] == '\n') {
      ++skipped;
    } else if (data[skipped] == '\r' && skipped + 1 < data.size() && data[skipped + 1] == '\n') {
      skipped += 2;
    } else {
      break;
    }
  }
  if (skipped > 0) {
    head_scan_from_ = 0;
    return skipped;
  }
  // Finds the empty line that ends the head, resuming where the previous call stopped.
  std::size_t end = std::string_view::npos;
  std::size_t p = data.find('\n', head_scan_from_);
  while (p != std::string_view::npos) {
    if (p + 1 < data.size() && data[p + 1] == '\n') {
      end = p + 2;
      break;
    }
    if (p + 2 < data.size() && data[p + 1] == '\r' && data[p + 2] == '\n') {
      end = p + 3;
      break;
    }
    if (p + 2 >= data.size()) {
      break;  // cannot tell yet whether an empty line follows
    }
    head_scan_from_ = p + 1;
    p = data.find('\n', p + 1);
  }
  if (end == std::string_view::npos) {
    // Reject a non-token method at once: a TLS handshake or binary junk has no line end, and
    // waiting for one would only end in a read timeout.
    const std::string_view method = data.substr(0, data.find(' '));
    if (data != "\r" && !std::all_of(method.begin(), method.end(), is_tchar)) {
      return fail(400, "malformed method");
    }
    if (data.size() > limits_.max_header_bytes) {
      return fail(431, "request header section too large");
    }
    return 0;
  }
  if (end > limits_.max_header_bytes) {
    return fail(431, "request header section too large");
  }
  if (!parse_head(data.substr(0, end))) {
    return 0;
  }
  return end;
}

bool RequestParser::parse_head(std::string_view head) {
  std::size_t nl = head.find('\n');
  if (!parse_request_line(head.substr(0, nl + 1))) {
    return false;
  }
  std::string_view rest = head.substr(nl + 1);
  for (nl = rest.find('\n'); nl != std::string_view::npos; nl = rest.find('\n')) {
    std::string_view line = rest.substr(0, nl + 1);
    rest.remove_prefix(nl + 1);
    if (line == "\r\n" || line == "\n") {
      break;
    }
    if (!parse_field_line(line, request_.headers)) {
      fail(400, "malformed header field");
      return false;
    }
    // Each field costs two allocations however short, so the byte limit alone would let one
    // request make thousands of them.
    if (request_.headers.size() > limits_.max_header_count) {
      fail(431, "too many header fields");
      return false;
    }
  }
  return decide_framing();
}

bool RequestParser::parse_request_line(std::string_view line) {
  if (!strip_line_end(line)) {
    fail(400, "malformed request line");
    return false;
  }
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
    fail(400, "malformed request line");
    return false;
  }
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method)) {
    fail(400, "malformed method");
    return false;
  }
  const bool target_ok = !target.empty() && std::all_of(target.begin(), target.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
  });
  if (!target_ok) {
    fail(400, "malformed request target");
    return false;
  }
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[5] < '0' ||
      version[5] > '9' || version[6] != '.' || version[7] < '0' || version[7] > '9') {
    fail(400, "malformed HTTP version");
    return false;
  }
  if (version[5] != '1') {
    fail(505, "only HTTP/1.x is supported");
    return false;
  }
  request_.method = std::string(method);
  request_.target = std::string(target);
  request_.version = std::string(version);
  return parse_target();
}

bool RequestParser::parse_target() {
  std::string_view t = request_.target;
  if (t.front() != '/' && t != "*") {
    // Absolute form (proxies, some SDK debug modes): keep only what follows the authority.
    const std::size_t scheme_end = t.find("://");
    const std::string_view scheme = t.substr(0, scheme_end);
    if (scheme_end == std::string_view::npos ||
        !(text::iequals(scheme, "http") || text::iequals(scheme, "https"))) {
      fail(400, "unsupported request target form");
      return false;
    }
    t.remove_prefix(scheme_end + 3);
    const std::size_t path_start = t.find_first_of("/?#");
    if (path_start == 0) {
      fail(400, "absolute target without authority");
      return false;
    }
    t = path_start == std::string_view::npos ? std::string_view() : t.substr(path_start);
  }
  t = t.substr(0, t.find('#'));  // clients must not send fragments; tolerate them
  const std::size_t q = t.find('?');
  // Chosen as a view first: assigning "/" to the string afterwards trips GCC 12's -Wrestrict
  // false positive (GCC bug 105651) at -O3.
  const std::string_view path = q == 0 || t.empty() ? std::string_view("/") : t.substr(0, q);
  request_.path = std::string(path);
  if (q != std::string_view::npos) {
    request_.query = std::string(t.substr(q + 1));
  }
  return true;
}

bool RequestParser::decide_framing() {
  const bool http10 = request_.version == "HTTP/1.0";
  std::string transfer_encoding;
  bool has_te = false;
  bool has_cl = false;
  std::uint64_t content_length = 0;
  int hosts = 0;
  for (const auto& h : request_.headers) {
    if (text::iequals(h.name, "Transfer-Encoding")) {
      if (has_te) {
        transfer_encoding += ',';
      }
      transfer_encoding += h.value;
      has_te = true;
    } else if (text::iequals(h.name, "Content-Length")) {
      // "Content-Length: 5, 5" and repeated identical fields are allowed (RFC 9110 8.6).
      std::string_view list = h.value;
      while (true) {
        const std::size_t comma = list.find(',');
        std::uint64_t v = 0;
        if (!parse_decimal(trim_ows(list.substr(0, comma)), v) || (has_cl && v != content_length)) {
          fail(400, "invalid Content-Length");
          return false;
        }
        content_length = v;
        has_cl = true;
        if (comma == std::string_view::npos) {
          break;
        }
        list.remove_prefix(comma + 1);
      }
    } else if (text::iequals(h.name, "Host")) {
      ++hosts;
    }
  }
  if (hosts > 1 || (hosts == 0 && !http10)) {
    fail(400, "HTTP/1.1 requires exactly one Host header");
    return false;
  }
  const auto connection = request_.header("Connection");
  keep_alive_ = http10 ? (connection && has_token(*connection, "keep-alive"))
                       : !(connection && has_token(*connection, "close"));
  bool has_body = false;
  if (has_te) {
    if (has_cl) {
      fail(400, "both Content-Length and Transfer-Encoding");
      return false;
    }
    std::string_view list = transfer_encoding;
    int chunked = 0;
    int codings = 0;
    while (true) {
      const std::size_t comma = list.find(',');
      const std::string_view coding = trim_ows(list.substr(0, comma));
      if (!coding.empty()) {
        ++codings;
        if (!text::iequals(coding, "chunked")) {
          fail(501, "unsupported Transfer-Encoding");
          return false;
        }
        ++chunked;
      }
      if (comma == std::string_view::npos) {
        break;
      }
      list.remove_prefix(comma + 1);
    }
    if (codings != 1 || chunked != 1) {
      fail(400, "invalid Transfer-Encoding");
      return false;
    }
    if (http10) {
      keep_alive_ = false;  // RFC 9112 6.1: chunked from a 1.0 client is suspect framing
    }
    phase_ = Phase::kChunkSize;
    has_body = true;
  } else if (has_cl && content_length > 0) {
    if (content_length > limits_.max_body_bytes) {
      fail(413, "request body too large");
      return false;
    }
    remaining_ = content_length;
    // Reserve only what a client cannot abuse: a declared length alone must not cost 8 MiB.
    request_.body.reserve(
        static_cast<std::size_t>(std::min<std::uint64_t>(content_length, kMaxEagerReserve)));
    phase_ = Phase::kBodyLength;
    has_body = true;
  } else {
    phase_ = Phase::kDone;
  }
  if (const auto expect = request_.header("Expect")) {
    if (!text::iequals(*expect, "100-continue")) {
      fail(417, "unsupported Expect");
      return false;
    }
    expects_continue_ = has_body && !http10;
  }
  return true;
}

std::size_t RequestParser::consume_chunk_size(std::string_view data) {
  const std::size_t nl = data.find('\n');
  if (nl == std::string_view::npos) {
    if (data.size() > kMaxChunkLineBytes) {
      return fail(400, "chunk size line too long");
    }
    return 0;
  }
  std::string_view line = data.substr(0, nl + 1);
  if (!strip_line_end(line) || line.size() > kMaxChunkLineBytes) {
    return fail(400, "malformed chunk size line");
  }
  std::uint64_t size = 0;
  std::size_t i = 0;
  for (; i < line.size() && text::hex_value(line[i]) >= 0; ++i) {
    if (size > (kMaxUint64 >> 4)) {
      return fail(400, "chunk size overflows");
    }
    size = (size << 4) | static_cast<std::uint64_t>(text::hex_value(line[i]));
  }
  if (i == 0) {
    return fail(400, "invalid chunk size");
  }
  const std::string_view ext = trim_ows(line.substr(i));
  if (!ext.empty() && ext.front() != ';') {
    return fail(400, "invalid chunk size");
  }
  if (size > limits_.max_body_bytes - request_.body.size()) {
    return fail(413, "request body too large");
  }
  if (size == 0) {
    phase_ = Phase::kTrailers;
  } else {
    remaining_ = size;
    phase_ = Phase::kChunkData;
  }
  return nl + 1;
}

std::size_t RequestParser::consume_chunk_data_end(std::string_view data) {
  if (data[0] == '\n') {
    phase_ = Phase::kChunkSize;
    return 1;
  }
  if (data[0] != '\r') {
    return fail(400, "chunk data not followed by CRLF");
  }
  if (data.size() < 2) {
    return 0;
  }
  if (data[1] != '\n') {
    return fail(400, "chunk data not followed by CRLF");
  }
  phase_ = Phase::kChunkSize;
  return 2;
}

std::size_t RequestParser::consume_trailers(std::string_view data) {
  std::size_t used = 0;
  while (true) {
    const std::size_t nl = data.find('\n', used);
    if (nl == std::string_view::npos) {
      if (trailer_bytes_ + (data.size() - used) > limits_.max_header_bytes) {
        return fail(431, "trailer section too large");
      }
      return used;
    }
    const std::string_view line = data.substr(used, nl + 1 - used);
    trailer_bytes_ += line.size();
    if (trailer_bytes_ > limits_.max_header_bytes) {
      return fail(431, "trailer section too large");
    }
    used = nl + 1;
    if (line == "\r\n" || line == "\n") {
      phase_ = Phase::kDone;
      return used;
    }
    if (!parse_field_line(line, request_.trailers)) {
      return fail(400, "malformed trailer field");
    }
    if (request_.trailers.size() > limits_.max_header_count) {
      return fail(431, "too many trailer fields");
    }
  }
}

}  // namespace conform::mock::http
