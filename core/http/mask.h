#pragma once

#include <string>
#include <string_view>

#include "core/http/exchange.h"

// Masking happens when a record is created, never when it is printed, so no code path can forget
// it. Only values are replaced; names and positions stay so a reader still sees what was sent.
namespace conform::http {

inline constexpr std::string_view kMask = "***";

/// Replaces the values of Signature and SecurityToken in "a=1&b=2" text (query or form body).
std::string mask_params_text(std::string_view text);

/// Masks the query part of a URL with mask_params_text.
std::string mask_url(std::string_view url);

/// Authorization keeps algorithm, Credential and SignedHeaders but its Signature becomes ***;
/// x-acs-security-token becomes ***. Names are compared case-insensitively.
HeaderFields mask_headers(HeaderFields headers);

}  // namespace conform::http
