#include "core/http/deferred_text.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "client/credentials.h"
#include "client/request_builder.h"

namespace conform::http {
namespace {

TEST(DeferredText, BuildsOnceOnFirstReadAndCopiesShareTheResult) {
  int builds = 0;
  const DeferredText text = DeferredText::deferred([&] {
    ++builds;
    return std::string("snippet");
  });
  EXPECT_EQ(builds, 0);
  const DeferredText copy = text;
  EXPECT_EQ(copy.str(), "snippet");
  EXPECT_EQ(text.str(), "snippet");
  EXPECT_EQ(builds, 1);
}

TEST(DeferredText, ReadyTextAndEmptyDefault) {
  EXPECT_TRUE(DeferredText().empty());
  EXPECT_EQ(DeferredText("x").str(), "x");
  EXPECT_EQ(DeferredText(std::string("y")),
            DeferredText::deferred([] { return std::string("y"); }));
}

TEST(DeferredText, ConcurrentFirstReadsBuildOnce) {
  std::atomic<int> builds = 0;
  const DeferredText text = DeferredText::deferred([&] {
    ++builds;
    return std::string(1000, 'a');
  });
  std::vector<std::thread> readers;
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&] { EXPECT_EQ(text.str().size(), 1000U); });
  }
  for (auto& t : readers) {
    t.join();
  }
  EXPECT_EQ(builds.load(), 1);
}

// The replay snippet is the most expensive part of building a request; a request that is sent
// and never reported must not pay for it, yet reading it later gives the full snippet.
TEST(DeferredText, SignedRequestReplayIsBuiltFromTheRequestAsSigned) {
  client::Credentials credentials;
  credentials.access_key_id = "id";
  credentials.access_key_secret = "secret";
  client::SignOptions options;
  options.action = "Act";
  options.version = "2000-01-01";
  options.signature_version = client::SignatureVersion::kV1;
  auto request = client::build_request({"http", "127.0.0.1:1"}, {{"A", "1"}}, credentials, options);
  const DeferredText replay = request.replay_command;
  request.query.clear();  // later changes to the request do not reach the snippet
  EXPECT_NE(replay.str().find("'A' '1'"), std::string::npos) << replay;
  EXPECT_EQ(replay.str().find("secret'"), std::string::npos) << replay;
}

}  // namespace
}  // namespace conform::http
