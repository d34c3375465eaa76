#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/sign/params.h"

namespace conform::test {

inline nlohmann::json read_vector_file(const std::string& name) {
  const std::string path = std::string(CONFORM_SOURCE_DIR) + "/tests/data/vectors/" + name;
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot open " + path);
  }
  return nlohmann::json::parse(in);
}

/// The SDK-produced vectors, loaded at test time so a regenerated file is picked up unchanged.
inline const nlohmann::json& signature_vectors() {
  static const nlohmann::json doc = read_vector_file("signatures.json");
  return doc;
}

/// v3-05: the VPC SDK with STS credentials, captured by make_sts_vector.js. It records the wire,
/// the signed headers and the signature, not the intermediates.
inline const nlohmann::json& sts_vector() {
  static const nlohmann::json doc = read_vector_file("sts-v3.json").at("vectors").at(0);
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
