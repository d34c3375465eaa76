#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/pointer.h"

// Small readers of schema-valid spec JSON, shared by the spec reader and the shape reader.
namespace conform::spec::json_read {

inline std::string at(std::string_view pointer, std::string_view token) {
  return conform::json::pointer_append(pointer, token);
}
inline std::string at(std::string_view pointer, std::size_t index) {
  return conform::json::pointer_append(pointer, index);
}

inline std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (auto it = j.find(key); it != j.end()) {
    for (const auto& s : *it)
      out.push_back(s.get<std::string>());
  }
  return out;
}

template <typename T>
std::optional<T> optional_of(const nlohmann::json& j, const char* key) {
  if (auto it = j.find(key); it != j.end())
    return it->get<T>();
  return std::nullopt;
}

}  // namespace conform::spec::json_read
