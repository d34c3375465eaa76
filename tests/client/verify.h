#pragma once

#include <string_view>

#include "tests/client/test_server.h"

namespace conform::test {

/// Verifies a received request the way a gateway would (V3 if it has an ACS3 Authorization,
/// V1 otherwise), using only core/sign. Lets client tests check what reached the wire.
bool signature_valid(const Received& request, std::string_view secret);

}  // namespace conform::test
