// libFuzzer entry of the sign_canonical target; the work is in tests/fuzz/sign_canonical.cpp.
#include "tests/fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return conform::fuzz::fuzz_sign_canonical(data, size);
}
