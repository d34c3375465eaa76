#!/usr/bin/env bash
# Configures and builds one preset (default: dev). Usage: scripts/build.sh [dev|asan|release]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
bash scripts/setup.sh
if [ ! -f "build/$preset/build.ninja" ]; then
  cmake --preset "$preset" >/dev/null
fi
cmake --build --preset "$preset" -j 2
