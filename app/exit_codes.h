#pragma once

namespace conform::app {

// The exit codes are a contract with CI systems that gate on them; see README "Exit codes".
inline constexpr int kExitConformant = 0;
inline constexpr int kExitNonConformant = 1;
inline constexpr int kExitUsage = 2;  // usage, configuration or tool error
inline constexpr int kExitInconclusive = 3;

}  // namespace conform::app
