// libFuzzer entry of the spec_loader target; the work is in tests/fuzz/spec_loader.cpp.
#include "tests/fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return conform::fuzz::fuzz_spec_loader(data, size);
}
