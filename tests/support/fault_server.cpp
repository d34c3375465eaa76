#include "tests/support/fault_server.h"

#include <chrono>
#include <thread>

namespace conform::testing {
namespace {

constexpr std::string_view kRequestId = "5E1C0F5A-7C43-4E7A-9D0B-2D1F3C4B5A69";

std::string head(int status, std::string_view content_type, std::string_view length_header,
                 std::string_view request_id = kRequestId) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " Fault\r\n";
  out += "Content-Type: " + std::string(content_type) + "\r\n";
  out += "x-acs-request-id: " + std::string(request_id) + "\r\n";
  out += std::string(length_header);
  out += "\r\n";
  return out;
}

std::string length(std::size_t n) {
  return "Content-Length: " + std::to_string(n) + "\r\n";
}

constexpr std::string_view kJson = "application/json;charset=utf-8";

std::string error_document(std::string_view message) {
  return "{\"RequestId\":\"" + std::string(kRequestId) +
         "\",\"HostId\":\"fault.test\",\"Code\":\"Conform.FaultServer\",\"Message\":\"" +
         std::string(message) + "\"}";
}

std::string billion_laughs() {
  std::string dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE Error [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    dtd += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k)
      dtd += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    dtd += "\">\n";
  }
  return dtd + "]>\n<Error><RequestId>" + std::string(kRequestId) +
         "</RequestId><HostId>fault.test</HostId><Code>&lol9;</Code><Message>&lol9;</Message>"
         "</Error>";
}

std::string deep_json() {
  constexpr int kLevels = 100000;
  std::string out;
  out.reserve(kLevels * 6 + 4);
  for (int i = 0; i < kLevels; ++i)
    out += "{\"a\":";
  out += "1";
  out.append(kLevels, '}');
  return out;
}

}  // namespace

std::string_view to_string(Fault fault) {
  switch (fault) {
    case Fault::kGarbageStatusLine:
      return "garbage-status-line";
    case Fault::kResetMidBody:
      return "reset-mid-body";
    case Fault::kEndlessBody:
      return "endless-body";
    case Fault::kStall:
      return "stall";
    case Fault::kLengthTooLong:
      return "content-length-too-long";
    case Fault::kLengthTooShort:
      return "content-length-too-short";
    case Fault::kInvalidUtf8Body:
      return "invalid-utf8-body";
    case Fault::kInvalidUtf8Header:
      return "invalid-utf8-header";
    case Fault::kXmlBomb:
      return "xml-bomb";
    case Fault::kDeepJson:
      return "deep-json";
  }
  return "?";
}

std::vector<Fault> all_faults() {
  return {Fault::kGarbageStatusLine, Fault::kResetMidBody,
          Fault::kEndlessBody,       Fault::kStall,
          Fault::kLengthTooLong,     Fault::kLengthTooShort,
          Fault::kInvalidUtf8Body,   Fault::kInvalidUtf8Header,
          Fault::kXmlBomb,           Fault::kDeepJson};
}

std::string FaultServer::error_body() {
  return error_document("the fault server answers every request with this error");
}

FaultServer::FaultServer(Fault fault)
    : fault_(fault), server_([this](test::Connection& c) { serve(c); }) {}

void FaultServer::serve(test::Connection& c) {
  while (const auto request = c.read_request()) {
    ++requests_;
    const std::string body = error_body();
    switch (fault_) {
      case Fault::kGarbageStatusLine:
        c.write("SMTP ready\r\nwhat: ever\r\n\r\n");
        return;
      case Fault::kResetMidBody:
        c.write(head(400, kJson, length(body.size())) + body.substr(0, body.size() / 2));
        // Long enough for the head to reach the client before the RST discards what is unread.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        c.reset();
        return;
      case Fault::kEndlessBody: {
        if (!c.write(head(200, kJson, "Transfer-Encoding: chunked\r\n")))
          return;
        const std::string chunk = "10000\r\n" + std::string(0x10000, '[') + "\r\n";
        while (!c.stopping() && c.write(chunk)) {
        }
        return;
      }
      case Fault::kStall:
        c.stall();
        return;
      case Fault::kLengthTooLong:
        c.write(head(400, kJson, length(body.size() + 100)) + body);
        return;
      case Fault::kLengthTooShort:
        c.write(head(400, kJson, length(body.size() / 2)) + body);
        return;
      case Fault::kInvalidUtf8Body: {
        const std::string bad = error_document("caf\xC3 \xFF\xFE \xED\xA0\x80");
        c.write(head(400, kJson, length(bad.size())) + bad);
        break;
      }
      case Fault::kInvalidUtf8Header:
        c.write(head(400, kJson, length(body.size()), "5E1C0F5A-\xFF\xFE-\xC0\xAF") + body);
        break;
      case Fault::kXmlBomb: {
        const std::string bomb = billion_laughs();
        c.write(head(400, "text/xml;charset=utf-8", length(bomb.size())) + bomb);
        break;
      }
      case Fault::kDeepJson: {
        const std::string deep = deep_json();
        c.write(head(400, kJson, length(deep.size())) + deep);
        break;
      }
    }
  }
}

}  // namespace conform::testing
