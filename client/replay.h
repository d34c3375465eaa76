#pragma once

#include <string>

#include "client/credentials.h"
#include "client/request.h"
#include "client/request_builder.h"

namespace conform::client {

/// A bash snippet that re-sends `signed_request` with a fresh timestamp and nonce, re-signing it
/// with openssl. A verbatim curl cannot work: the signature depends on the secret (which must
/// not be inlined) and a real gateway rejects a reused nonce or a stale timestamp. The snippet
/// reads the secret and token from the variables named in `env`; everything else is literal.
/// Needs bash, od, openssl and curl.
std::string replay_command(const Request& signed_request, SignatureVersion version,
                           const CredentialEnvNames& env);

}  // namespace conform::client
