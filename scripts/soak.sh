#!/usr/bin/env bash
# The mock soak (conform_bench --soak): the full run in the release build, then a short run under
# ASan+UBSan and one under TSan. Builds only conform_bench of each preset.
# Usage: scripts/soak.sh [requests] [short-requests]   (defaults: 1000000 and 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-1000000}
short=${2:-20000}

bash scripts/build.sh release conform_bench
build/release/bench/conform_bench --soak --requests "$requests" --connections 64

# Sanitizers keep freed memory in quarantine and shadow it, so RSS says nothing there: the RSS
# bound is lifted. A small nonce memory makes the short runs evict under load too.
for preset in asan tsan; do
  bash scripts/build.sh "$preset" conform_bench
  TSAN_OPTIONS="halt_on_error=1 ${TSAN_OPTIONS:-}" \
    "build/$preset/bench/conform_bench" --soak --requests "$short" --connections 64 \
    --max-nonces 5000 --rss-growth-kib 2000000000
done
