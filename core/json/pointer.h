#pragma once

#include <string>
#include <string_view>

namespace conform::json {

/// Appends one reference token to a JSON pointer (RFC 6901), escaping '~' and '/'.
std::string pointer_append(std::string_view pointer, std::string_view token);
std::string pointer_append(std::string_view pointer, std::size_t index);

}  // namespace conform::json
