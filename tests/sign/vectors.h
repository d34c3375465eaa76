#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/sign/params.h"

namespace conform::test {

/// The SDK-produced vectors, loaded at test time so a regenerated file is picked up unchanged.
inline const nlohmann::json& signature_vectors() {
  static const nlohmann::json doc = [] {
    const std::string path =
        std::string(CONFORM_SOURCE_DIR) + "/tests/data/vectors/signatures.json";
    std::ifstream in(path);
    if (!in) {
      throw std::runtime_error("cannot open " + path);
    }
    return nlohmann::json::parse(in);
  }();
  return doc;
}

inline sign::Params params_from_object(const nlohmann::json& object) {
  sign::Params out;
  for (const auto& [name, value] : object.items()) {
    out.push_back({name, value.get<std::string>()});
  }
  return out;
}

}  // namespace conform::test
