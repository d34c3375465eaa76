#pragma once

#include <string_view>
#include <vector>

#include "core/sign/params.h"

namespace conform::sign {

/// Byte order of names, then of values: what std::map / JS sort give for the ASCII names the SDKs
/// use. Values break ties so that repeated names canonicalise the same way on both sides.
Params sorted_params(Params params);

/// sorted_params' order, as pointers into `params` (which must outlive them), leaving out every
/// pair named `skip`: signing sorts on every request and needs no copies to do it.
std::vector<const Param*> sorted_refs(const Params& params, std::string_view skip = {});

}  // namespace conform::sign
