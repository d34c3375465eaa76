// libFuzzer entry of the response_check target; the work is in tests/fuzz/response_check.cpp.
#include "tests/fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return conform::fuzz::fuzz_response_check(data, size);
}
