#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mock/http/request.h"

namespace conform::mock::http {

struct ParserLimits {
  std::size_t max_header_bytes = 64 * 1024;  // request line + header fields (+ trailers)
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  std::size_t max_header_count = 100;  // header fields, and separately trailer fields
};

/// Incremental HTTP/1.x request parser: the connection feeds it whatever bytes it has, in any
/// fragmentation, and it reports when one request is complete. It never owns the input buffer,
/// so pipelined requests stay in the connection's buffer until their turn.
class RequestParser {
 public:
  enum class State { kNeedMore, kComplete, kError };

  explicit RequestParser(ParserLimits limits) : limits_(limits) {}

  /// Consumes a prefix of `data` and returns its length. Until the head is complete nothing of it
  /// is consumed, so the caller must offer the same bytes again, extended, on the next call.
  /// Stops after one complete request; call `take()` before consuming the next one.
  std::size_t consume(std::string_view data);

  State state() const;
  /// True once the head is parsed: the framing and the keep-alive decision are known.
  bool head_complete() const { return phase_ != Phase::kHead && phase_ != Phase::kError; }
  /// Whether the client waits for "100 Continue" before sending a body not yet received.
  bool expects_continue() const { return expects_continue_ && phase_ != Phase::kDone; }
  bool keep_alive() const { return keep_alive_; }

  /// The complete request; resets the parser for the next one on the same connection.
  ReceivedRequest take();

  int error_status() const { return error_status_; }
  const std::string& error_message() const { return error_message_; }

 private:
  enum class Phase {
    kHead,
    kBodyLength,
    kChunkSize,
    kChunkData,
    kChunkDataEnd,
    kTrailers,
    kDone,
    kError
  };

  std::size_t consume_head(std::string_view data);
  std::size_t consume_body_bytes(std::string_view data, Phase next);
  std::size_t consume_chunk_size(std::string_view data);
  std::size_t consume_chunk_data_end(std::string_view data);
  std::size_t consume_trailers(std::string_view data);
  bool parse_head(std::string_view head);
  bool parse_request_line(std::string_view line);
  bool parse_target();
  bool decide_framing();
  std::size_t fail(int status, std::string message);

  ParserLimits limits_;
  Phase phase_ = Phase::kHead;
  ReceivedRequest request_;
  std::size_t head_scan_from_ = 0;
  std::uint64_t remaining_ = 0;  // of the Content-Length body or of the current chunk
  std::size_t trailer_bytes_ = 0;
  bool expects_continue_ = false;
  bool keep_alive_ = true;
  int error_status_ = 0;
  std::string error_message_;
};

}  // namespace conform::mock::http
