#!/usr/bin/env bash
# The main job. Today: set up, build, validate and lint every operation spec, and print a summary of
# each contract. Exit codes follow the README: 0 clean, 2 a spec failed to load or a tool error.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release >&2
conform=build/release/conform
"$conform" lint "$@"
"$conform" describe
