#!/usr/bin/env bash
# Configures and builds one preset (default: dev), or only the named targets of it.
# Usage: scripts/build.sh [dev|asan|tsan|release] [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
bash scripts/setup.sh
if [ ! -f "build/$preset/build.ninja" ]; then
  cmake --preset "$preset" >/dev/null
fi
cmake --build --preset "$preset" -j 2 ${2:+--target "${@:2}"}
