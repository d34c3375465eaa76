#pragma once

// The fuzz targets as plain functions, so the libFuzzer executables (clang, fuzz preset) and the
// replay test in conform_tests (any compiler, dev and asan presets) run exactly the same code.
// Each returns 0 and calls abort() when a property it checks does not hold.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace conform::fuzz {

int fuzz_mock_request(const std::uint8_t* data, std::size_t size);
int fuzz_spec_loader(const std::uint8_t* data, std::size_t size);
int fuzz_response_check(const std::uint8_t* data, std::size_t size);
int fuzz_sign_canonical(const std::uint8_t* data, std::size_t size);

/// The HTTP/1.1 bytes of a request signed with the test key at the mock fuzzer's fixed clock: the
/// structured mode of fuzz_mock_request builds these, and the raw-mode seeds are made of them.
/// `selector` is that mode's first input byte, `params` a decoded "name=value&..." text.
std::string signed_mock_request(std::uint8_t selector, std::string_view params);

/// The statuses the fuzzer's mock answers a byte stream with, one per request parsed; lets a test
/// check that the signed seeds really get past the signature check.
std::vector<int> mock_statuses(std::string_view wire);

}  // namespace conform::fuzz
