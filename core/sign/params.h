#pragma once

#include <string>
#include <vector>

namespace conform::sign {

/// One decoded request parameter. Order is kept as received because the wire order matters to
/// records and to tampering tests, even though signing sorts.
struct Param {
  std::string name;
  std::string value;
  bool operator==(const Param&) const = default;
};

using Params = std::vector<Param>;

}  // namespace conform::sign
