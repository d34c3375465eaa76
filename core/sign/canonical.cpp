#include "core/sign/canonical.h"

#include <algorithm>
#include <tuple>

namespace conform::sign {
namespace {

// The one order both sorts use.
bool in_signing_order(const Param& a, const Param& b) {
  return std::tie(a.name, a.value) < std::tie(b.name, b.value);
}

}  // namespace

Params sorted_params(Params params) {
  std::stable_sort(params.begin(), params.end(), in_signing_order);
  return params;
}

std::vector<const Param*> sorted_refs(const Params& params, std::string_view skip) {
  std::vector<const Param*> refs;
  refs.reserve(params.size());
  for (const auto& p : params) {
    if (skip.empty() || p.name != skip) {
      refs.push_back(&p);
    }
  }
  std::stable_sort(refs.begin(), refs.end(),
                   [](const Param* a, const Param* b) { return in_signing_order(*a, *b); });
  return refs;
}

}  // namespace conform::sign
