#pragma once

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "tests/client/test_server.h"

// A raw socket server that answers every request with one transport or content fault, for
// `conform run` to be tested against what real networks and broken servers do. Built on the
// client tests' TestServer (127.0.0.1, ephemeral port, a thread per connection).
namespace conform::testing {

enum class Fault {
  kGarbageStatusLine,  // "SMTP ready" where a status line belongs
  kResetMidBody,       // a valid head and half a body, then a TCP RST
  kEndlessBody,        // a chunked 200 whose chunks never end, until the client hangs up
  kStall,              // reads the request and never answers
  kLengthTooLong,      // Content-Length announces more than is sent, then the server closes
  kLengthTooShort,     // Content-Length announces half the body; the whole body follows
  kInvalidUtf8Body,    // a JSON error document whose Message holds bytes that are not UTF-8
  kInvalidUtf8Header,  // a good error document; the request-id header is not UTF-8
  kXmlBomb,            // billion laughs: a DTD of nested entities, as text/xml
  kDeepJson,           // an error document nested 100,000 levels deep
};

/// The fault's name as tests print it.
std::string_view to_string(Fault fault);
std::vector<Fault> all_faults();

class FaultServer {
 public:
  explicit FaultServer(Fault fault);
  int port() const { return server_.port(); }
  std::string url() const { return server_.url(); }
  int requests() const { return requests_.load(); }

  /// The error document every non-hostile answer carries: a code no rule of any spec accepts, so
  /// every check sees the fault rather than a lucky match.
  static std::string error_body();

 private:
  void serve(test::Connection& c);
  Fault fault_;
  std::atomic<int> requests_{0};
  test::TestServer server_;  // last: its threads use the members above
};

}  // namespace conform::testing
