// Replays every committed fuzz input (the seed corpus and every input that ever crashed) through
// the same fuzz_<target> functions the libFuzzer executables call, so the dev and asan presets
// catch a regression without clang or a fuzzing run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "tests/fuzz/fuzz_targets.h"
#include "tests/support/test_paths.h"

namespace conform::fuzz {
namespace {

namespace fs = std::filesystem;
using conform::testing::read_text;
using conform::testing::source_path;

using Target = int (*)(const std::uint8_t*, std::size_t);

std::vector<fs::path> files_in(const std::string& relative) {
  std::vector<fs::path> out;
  const fs::path dir = source_path(relative);
  if (fs::is_directory(dir)) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().filename() != "README.md")
        out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t replay(const std::string& name, Target target) {
  std::size_t n = 0;
  for (const auto* kind : {"corpus", "regressions"}) {
    for (const auto& file : files_in("tests/fuzz/" + std::string(kind) + "/" + name)) {
      SCOPED_TRACE(file.string());
      const std::string bytes = read_text(file.string());
      EXPECT_EQ(target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), 0);
      ++n;
    }
  }
  return n;
}

TEST(fuzz_replay, mock_request) {
  EXPECT_GT(replay("mock_request", fuzz_mock_request), 0u);
}
TEST(fuzz_replay, spec_loader) {
  EXPECT_GT(replay("spec_loader", fuzz_spec_loader), 0u);
}
TEST(fuzz_replay, response_check) {
  EXPECT_GT(replay("response_check", fuzz_response_check), 0u);
}
TEST(fuzz_replay, sign_canonical) {
  EXPECT_GT(replay("sign_canonical", fuzz_sign_canonical), 0u);
}

// The raw-stream seeds of mock_request are requests signed at the fuzzer's fixed clock; they are
// made here, so a change to the request builder shows up as a stale seed rather than as seeds
// that silently stop passing the signature check. CONFORM_UPDATE_FUZZ_SEEDS=1 rewrites them.
struct SignedSeed {
  const char* file;
  char raw_selector;    // even: raw mode; bits 1-3 choose how the stream is cut
  std::uint8_t signer;  // the structured-mode selector that builds the request
  const char* params;
  int status;  // what the mock answers: the seeds must get past the signature check
};

constexpr const char* kValid =
    "RegionId=cn-hangzhou&PhysicalConnectionId=pc-mock-complete&Period=1&PricingCycle=Month&"
    "AutoPay=false";

TEST(fuzz_seeds, signed_mock_requests_are_current) {
  const std::vector<SignedSeed> seeds = {
      {"signed-v1-post-query", '0', 0x01, kValid, 200},
      {"signed-v1-get-xml-bytewise", 'B', 0x31, kValid, 200},
      {"signed-v1-post-body", '4', 0x05, kValid, 200},
      {"signed-v3-post-query", '0', 0x03, kValid, 200},
      {"signed-v3-post-body-pieces", '6', 0x07, kValid, 200},
      {"signed-v3-split-client-token", '8', 0x0b,
       "RegionId=cn-hangzhou&PhysicalConnectionId=pc-mock-complete&Period=3&PricingCycle=Month&"
       "ClientToken=token-1",
       200},
      {"signed-v1-bad-period", '0', 0x01,
       "RegionId=cn-hangzhou&PhysicalConnectionId=pc-mock-complete&Period=99&PricingCycle=Year",
       400},
  };
  const bool update = std::getenv("CONFORM_UPDATE_FUZZ_SEEDS") != nullptr;
  for (const auto& seed : seeds) {
    const std::string path =
        source_path("tests/fuzz/corpus/mock_request/" + std::string(seed.file));
    const std::string expected =
        std::string(1, seed.raw_selector) + signed_mock_request(seed.signer, seed.params);
    if (update)
      conform::testing::write_text(path, expected);
    EXPECT_EQ(read_text(path), expected)
        << seed.file << " is stale: rerun with CONFORM_UPDATE_FUZZ_SEEDS=1";
    EXPECT_EQ(mock_statuses(expected.substr(1)), std::vector<int>{seed.status}) << seed.file;
  }
}

}  // namespace
}  // namespace conform::fuzz
