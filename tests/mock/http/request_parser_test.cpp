#include "mock/http/request_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace conform::mock::http {
namespace {

constexpr ParserLimits kLimits{1024, 4096};

struct Outcome {
  RequestParser::State state = RequestParser::State::kNeedMore;
  std::size_t consumed = 0;
  ReceivedRequest request;
  int error = 0;
};

// Feeds the way a connection does: the unconsumed rest is offered again with each new byte.
Outcome parse(const std::string& wire, std::size_t step = std::string::npos) {
  RequestParser parser(kLimits);
  std::string buffer;
  std::size_t fed = 0;
  Outcome out;
  while (fed < wire.size()) {
    const std::size_t n = std::min(step, wire.size() - fed);
    buffer += wire.substr(fed, n);
    fed += n;
    const std::size_t used = parser.consume(buffer);
    buffer.erase(0, used);
    out.consumed += used;
    out.state = parser.state();
    if (out.state != RequestParser::State::kNeedMore) {
      break;
    }
  }
  if (out.state == RequestParser::State::kComplete) {
    out.request = parser.take();
  } else if (out.state == RequestParser::State::kError) {
    out.error = parser.error_status();
  }
  return out;
}

TEST(request_parser, parses_a_get_with_raw_query) {
  const auto o =
      parse("GET /?Action=Create&Name=a%2Bb+c HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nx-a: 2\r\n\r\n");
  ASSERT_EQ(o.state, RequestParser::State::kComplete);
  EXPECT_EQ(o.request.method, "GET");
  EXPECT_EQ(o.request.path, "/");
  EXPECT_EQ(o.request.query, "Action=Create&Name=a%2Bb+c");
  EXPECT_EQ(o.request.version, "HTTP/1.1");
  ASSERT_EQ(o.request.headers.size(), 3U);
  EXPECT_EQ(o.request.headers[2].name, "x-a");
  EXPECT_EQ(o.request.header("X-A").value(), "1");
  EXPECT_EQ(o.request.header("HOST").value(), "x");
}

TEST(request_parser, same_result_byte_by_byte) {
  const std::string wire =
      "POST /p?q=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: abc\r\n\r\n";
  for (const std::size_t step : {std::string::npos, std::size_t{1}, std::size_t{7}}) {
    const auto o = parse(wire, step);
    ASSERT_EQ(o.state, RequestParser::State::kComplete) << "step " << step;
    EXPECT_EQ(o.request.body, "hello world");
    ASSERT_EQ(o.request.trailers.size(), 1U);
    EXPECT_EQ(o.request.trailers[0].value, "abc");
    EXPECT_EQ(o.consumed, wire.size());
  }
}

TEST(request_parser, stops_after_one_request_so_pipelined_bytes_stay) {
  const std::string first = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
  RequestParser parser(kLimits);
  const std::string wire = first + "GET /2 HTTP/1.1\r\nHost: x\r\n\r\n";
  EXPECT_EQ(parser.consume(wire), first.size());
  ASSERT_EQ(parser.state(), RequestParser::State::kComplete);
  EXPECT_EQ(parser.take().body, "abc");
  EXPECT_EQ(parser.consume(std::string_view(wire).substr(first.size())),
            wire.size() - first.size());
  EXPECT_EQ(parser.take().path, "/2");
}

struct ValidCase {
  const char* name;
  std::string wire;
  std::string path;
  std::string query;
  std::string body;
  bool keep_alive;
};

TEST(request_parser, valid_heads) {
  const std::vector<ValidCase> cases = {
      {"absolute form", "GET http://ecs.aliyuncs.com/a/b?x=1 HTTP/1.1\r\nHost: h\r\n\r\n", "/a/b",
       "x=1", "", true},
      {"absolute form no path", "GET http://h?x=1 HTTP/1.1\r\nHost: h\r\n\r\n", "/", "x=1", "",
       true},
      {"asterisk", "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n", "*", "", "", true},
      {"fragment dropped", "GET /a?b=1#frag HTTP/1.1\r\nHost: h\r\n\r\n", "/a", "b=1", "", true},
      {"empty query", "GET /a? HTTP/1.1\r\nHost: h\r\n\r\n", "/a", "", "", true},
      {"http/1.0 without host closes", "GET / HTTP/1.0\r\n\r\n", "/", "", "", false},
      {"http/1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", "/", "", "",
       true},
      {"connection close", "GET / HTTP/1.1\r\nHost: h\r\nConnection: foo, close\r\n\r\n", "/", "",
       "", false},
      {"bare LF lines", "GET / HTTP/1.1\nHost: h\n\n", "/", "", "", true},
      {"leading empty lines", "\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", "/", "", "", true},
      {"repeated equal content-length",
       "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nab", "/", "",
       "ab", true},
      {"zero content-length", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n", "/", "",
       "", true},
      {"form body",
       "POST /?A=1 HTTP/1.1\r\nHost: h\r\nContent-Type: "
       "application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nB=2&C=3",
       "/", "A=1", "B=2&C=3", true},
      {"chunked case-insensitive, no trailers",
       "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: "
       "Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n",
       "/", "", "0123456789", true},
      {"minor version above 1", "GET / HTTP/1.7\r\nHost: h\r\n\r\n", "/", "", "", true},
      {"obs-text in value", "GET / HTTP/1.1\r\nHost: h\r\nX: caf\xc3\xa9\r\n\r\n", "/", "", "",
       true},
  };
  for (const auto& c : cases) {
    const auto o = parse(c.wire);
    ASSERT_EQ(o.state, RequestParser::State::kComplete) << c.name << " error " << o.error;
    EXPECT_EQ(o.request.path, c.path) << c.name;
    EXPECT_EQ(o.request.query, c.query) << c.name;
    EXPECT_EQ(o.request.body, c.body) << c.name;
    RequestParser p(kLimits);
    p.consume(c.wire);
    EXPECT_EQ(p.keep_alive(), c.keep_alive) << c.name;
  }
}

struct InvalidCase {
  const char* name;
  std::string wire;
  int status;
};

TEST(request_parser, invalid_heads) {
  const std::string h = " HTTP/1.1\r\nHost: h\r\n";
  const std::vector<InvalidCase> cases = {
      {"tls client hello", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), 400},
      {"garbage line", "hello world\r\n\r\n", 400},
      {"no version", "GET /\r\nHost: h\r\n\r\n", 400},
      {"double space", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
      {"lowercase version", "GET / http/1.1\r\nHost: h\r\n\r\n", 400},
      {"http/2", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505},
      {"bad method", "GE(T /" + h + "\r\n", 400},
      {"control in target", "GET /\x01" + h + "\r\n", 400},
      {"authority form", "CONNECT h:443" + h + "\r\n", 400},
      {"missing host", "GET / HTTP/1.1\r\n\r\n", 400},
      {"two hosts", "GET /" + h + "Host: i\r\n\r\n", 400},
      {"space before colon", "GET /" + h + "X-A : 1\r\n\r\n", 400},
      {"obs-fold", "GET /" + h + "X-A: 1\r\n  2\r\n\r\n", 400},
      {"no colon", "GET /" + h + "X-A\r\n\r\n", 400},
      {"bare CR in value", "GET /" + h + "X-A: 1\r2\r\n\r\n", 400},
      {"NUL in value", std::string("GET /") + h + "X-A: 1" + std::string(1, '\0') + "\r\n\r\n",
       400},
      {"cl and te", "POST /" + h + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"negative cl", "POST /" + h + "Content-Length: -1\r\n\r\n", 400},
      {"cl with plus", "POST /" + h + "Content-Length: +1\r\n\r\n", 400},
      {"non-numeric cl", "POST /" + h + "Content-Length: abc\r\n\r\n", 400},
      {"empty cl", "POST /" + h + "Content-Length:\r\n\r\n", 400},
      {"overflowing cl", "POST /" + h + "Content-Length: 99999999999999999999999\r\n\r\n", 400},
      {"differing cl", "POST /" + h + "Content-Length: 1\r\nContent-Length: 2\r\n\r\n", 400},
      {"cl over cap", "POST /" + h + "Content-Length: 4097\r\n\r\n", 413},
      {"te gzip", "POST /" + h + "Transfer-Encoding: gzip\r\n\r\n", 501},
      {"te gzip then chunked", "POST /" + h + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501},
      {"te chunked twice",
       "POST /" + h + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"te empty", "POST /" + h + "Transfer-Encoding: \r\n\r\n", 400},
      {"chunk size not hex", "POST /" + h + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
      {"chunk size negative", "POST /" + h + "Transfer-Encoding: chunked\r\n\r\n-1\r\n", 400},
      {"chunk size 0x", "POST /" + h + "Transfer-Encoding: chunked\r\n\r\n0x5\r\n", 400},
      {"chunk size overflow",
       "POST /" + h + "Transfer-Encoding: chunked\r\n\r\n10000000000000000\r\n", 400},
      {"chunk size over cap", "POST /" + h + "Transfer-Encoding: chunked\r\n\r\n1001\r\n", 413},
      {"chunks over cap",
       "POST /" + h + "Transfer-Encoding: chunked\r\n\r\n800\r\n" + std::string(2048, 'a') +
           "\r\n801\r\n",
       413},
      {"chunk without CRLF", "POST /" + h + "Transfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n", 400},
      {"chunk line too long",
       "POST /" + h + "Transfer-Encoding: chunked\r\n\r\n1;" + std::string(5000, 'x'), 400},
      {"bad trailer", "POST /" + h + "Transfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n",
       400},
      {"header section over limit", "GET /" + h + "X-Big: " + std::string(1100, 'a') + "\r\n\r\n",
       431},
      {"unterminated head over limit", "GET /" + h + "X-Big: " + std::string(1100, 'a'), 431},
      {"expect other", "POST /" + h + "Expect: 200-ok\r\nContent-Length: 1\r\n\r\n", 417},
  };
  for (const auto& c : cases) {
    const auto o = parse(c.wire);
    ASSERT_EQ(o.state, RequestParser::State::kError) << c.name;
    EXPECT_EQ(o.error, c.status) << c.name;
    RequestParser p(kLimits);
    p.consume(c.wire);
    EXPECT_FALSE(p.keep_alive()) << c.name;
  }
}

TEST(request_parser, expect_continue_only_while_body_missing) {
  RequestParser p(kLimits);
  const std::string head =
      "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n";
  EXPECT_EQ(p.consume(head), head.size());
  EXPECT_TRUE(p.head_complete());
  EXPECT_TRUE(p.expects_continue());
  p.consume("ok");
  EXPECT_EQ(p.state(), RequestParser::State::kComplete);
  EXPECT_FALSE(p.expects_continue());
}

}  // namespace
}  // namespace conform::mock::http
