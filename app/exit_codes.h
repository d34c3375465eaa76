#pragma once

namespace conform::app {

// The exit codes are a contract with CI systems that gate on them; see README "Exit codes".
inline constexpr int kExitConformant = 0;
inline constexpr int kExitNonConformant = 1;
inline constexpr int kExitUsage = 2;  // usage, configuration or tool error
inline constexpr int kExitInconclusive = 3;
// A run stopped by a signal exits as a shell reports a process killed by it (128 + the signal),
// so a script that runs conform sees Ctrl-C as Ctrl-C, yet the reports are complete.
inline constexpr int kExitInterruptedBase = 128;

}  // namespace conform::app
