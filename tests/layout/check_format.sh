#!/usr/bin/env bash
# Fails when a C++ file of ours differs from what clang-format makes of it.
set -euo pipefail
cd "$1"
mapfile -t files < <(find app core client mock generators suites reports tests bench \
  \( -name '*.cpp' -o -name '*.h' \) -type f 2>/dev/null | sort)
[ ${#files[@]} -gt 0 ] || { echo "no C++ files found"; exit 1; }
clang-format --dry-run -Werror "${files[@]}"
echo "${#files[@]} files formatted"
