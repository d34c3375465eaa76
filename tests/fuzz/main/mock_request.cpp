// libFuzzer entry of the mock_request target; the work is in tests/fuzz/mock_request.cpp.
#include "tests/fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return conform::fuzz::fuzz_mock_request(data, size);
}
