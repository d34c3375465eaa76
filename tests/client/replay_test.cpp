#include "client/replay.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "client/request_builder.h"
#include "tests/client/test_server.h"
#include "tests/client/verify.h"

namespace conform::client {
namespace {

std::string run_bash(const std::string& script) {
  const std::string path = testing::TempDir() + "replay_" + std::to_string(::getpid()) + ".sh";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fwrite(script.data(), 1, script.size(), f);
  std::fclose(f);
  FILE* p = ::popen(("bash " + path + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) {
    out.append(buf, n);
  }
  ::pclose(p);
  std::remove(path.c_str());
  return out;
}

// The snippet must re-sign correctly with only the environment's secret: run it for real
// against a verifying server.
TEST(replay, snippet_re_signs_from_the_environment_and_verifies) {
  constexpr const char* kSecret = "replay-secret&+/";
  ::setenv("CONFORM_REPLAY_SK", kSecret, 1);
  ::setenv("CONFORM_REPLAY_TOKEN", "tok+/=", 1);
  std::vector<std::string> nonces;
  test::TestServer server(test::TestServer::http([&](const test::Received& r) {
    const bool ok =
        test::signature_valid(r, kSecret) &&
        (r.target + r.body + r.header("x-acs-security-token")).find("tok") != std::string::npos;
    return test::TestServer::response(ok ? 200 : 400, ok ? "VERIFIED" : "REJECTED");
  }));
  Credentials creds{"id", kSecret, "tok+/=", {"X", "CONFORM_REPLAY_SK", "CONFORM_REPLAY_TOKEN"}};
  for (const auto version : {SignatureVersion::kV1, SignatureVersion::kV3}) {
    for (const auto in : {ParamsIn::kQuery, ParamsIn::kBody, ParamsIn::kSplit}) {
      SignOptions o{.action = "A", .version = "V"};
      o.signature_version = version;
      o.params_in = in;
      const Request r = build_request(parse_endpoint(server.url()),
                                      {{"ClientToken", "x y+z*~/中=&!'()%20😀"}}, creds, o);
      EXPECT_EQ(r.replay_command.str().find(kSecret), std::string::npos);
      EXPECT_EQ(r.replay_command.str().find("tok+/="), std::string::npos);
      EXPECT_EQ(run_bash(r.replay_command), "VERIFIED")
          << static_cast<int>(version) << "/" << static_cast<int>(in) << "\n"
          << r.replay_command;
    }
  }
}

}  // namespace
}  // namespace conform::client
