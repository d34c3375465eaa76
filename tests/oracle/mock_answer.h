#pragma once

#include <optional>
#include <string>

#include "client/transport.h"
#include "core/http/exchange.h"
#include "core/spec/model.h"
#include "tests/oracle/corpus.h"

// Sends a corpus case over real HTTP with the real signing client, and judges the answer against
// the case's accepted set as the documents describe answers.
namespace conform::oracle {

/// The key pairs the endpoint must know: the test key, and an STS key issued with its token.
struct Keys {
  std::string id, secret;
  std::string sts_id, sts_secret, sts_token;
};

/// Builds, signs and sends the case to `url` (sending it twice for a reused nonce), then applies
/// the departures that happen after signing. Throws std::invalid_argument when the case asks for
/// an edit after signing of parameters that travel in a body.
http::Exchange send_case(const spec::Operation& op, const Case& c, const std::string& url,
                         const Keys& keys, client::Transport& transport);

/// Why the answer is outside the case's accepted set (status and code, the error or success
/// body's format, Content-Type as a media type); nullopt when it is inside.
std::optional<std::string> outside_the_set(const spec::Operation& op, const Case& c,
                                           const http::Exchange& answer);

}  // namespace conform::oracle
