#include "mock/http/response_writer.h"

#include <gtest/gtest.h>

namespace conform::mock::http {
namespace {

TEST(response_writer, frames_body_and_replaces_framing_headers) {
  Response r;
  r.status = 404;
  r.headers = {{"Content-Type", "application/json"},
               {"Content-Length", "999"},
               {"Transfer-Encoding", "chunked"}};
  r.body = "{}";
  const auto w = write_response(r, {});
  EXPECT_EQ(
      w.bytes,
      "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_FALSE(w.close_after);
}

TEST(response_writer, custom_reason_and_close) {
  Response r;
  r.status = 599;
  r.reason = "Odd";
  const auto w = write_response(r, ResponseContext{false, false, false});
  EXPECT_EQ(w.bytes, "HTTP/1.1 599 Odd\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(w.close_after);
}

TEST(response_writer, handler_connection_close_is_honoured) {
  Response r;
  r.headers = {{"connection", "close"}};
  EXPECT_TRUE(write_response(r, {}).close_after);
}

TEST(response_writer, head_has_length_but_no_body_and_http10_keep_alive) {
  Response r;
  r.body = "hello";
  const auto w = write_response(r, ResponseContext{true, true, true});
  EXPECT_EQ(w.bytes, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\n");
}

TEST(response_writer, truncate_promises_full_length) {
  Response r;
  r.body = "0123456789";
  r.truncate_body_to = 4;
  const auto w = write_response(r, {});
  EXPECT_EQ(w.bytes, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123");
  EXPECT_TRUE(w.close_after);
}

TEST(response_writer, raw_is_sent_verbatim) {
  Response r;
  r.raw = "HTTP/1.1 abc garbage\r\n";
  r.body = "ignored";
  const auto w = write_response(r, {});
  EXPECT_EQ(w.bytes, "HTTP/1.1 abc garbage\r\n");
  EXPECT_TRUE(w.close_after);
}

TEST(response_writer, no_content_has_no_length) {
  Response r;
  r.status = 204;
  EXPECT_EQ(write_response(r, {}).bytes, "HTTP/1.1 204 No Content\r\n\r\n");
}

}  // namespace
}  // namespace conform::mock::http
