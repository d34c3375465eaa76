#include "core/sign/canonical.h"

#include <algorithm>
#include <tuple>

namespace conform::sign {

Params sorted_params(Params params) {
  std::stable_sort(params.begin(), params.end(), [](const Param& a, const Param& b) {
    return std::tie(a.name, a.value) < std::tie(b.name, b.value);
  });
  return params;
}

}  // namespace conform::sign
