#!/usr/bin/env bash
# The project's own tests: set up, build the dev preset, run every ctest in parallel.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
bash scripts/build.sh "$preset"
ctest --preset "$preset" -j 2 --label-exclude conformance
