#!/usr/bin/env bash
# The project's own tests: set up, build the dev preset, run every ctest in parallel, then fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
bash scripts/build.sh "$preset"
ctest --preset "$preset" -j 2 --label-exclude conformance
# Every fuzzer for a bounded time (tests/fuzz/README.md); CONFORM_FUZZ_SECONDS=0 skips it. The
# seed is fixed so that a red run here is one a developer can repeat (scripts/fuzz.sh).
fuzz_seconds=${CONFORM_FUZZ_SECONDS:-60}
if [ "$fuzz_seconds" != 0 ]; then
  CONFORM_FUZZ_SEED=${CONFORM_FUZZ_SEED:-1} bash scripts/fuzz.sh "$fuzz_seconds"
fi
