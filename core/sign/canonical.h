#pragma once

#include "core/sign/params.h"

namespace conform::sign {

/// Byte order of names, then of values: what std::map / JS sort give for the ASCII names the SDKs
/// use. Values break ties so that repeated names canonicalise the same way on both sides.
Params sorted_params(Params params);

}  // namespace conform::sign
