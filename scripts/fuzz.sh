#!/usr/bin/env bash
# Builds the fuzz preset (clang, libFuzzer, ASan+UBSan) and runs every fuzzer for a bounded time
# on a scratch copy of its committed corpus and regressions, so the repository is not modified.
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]   (default 60 s, every target)
# Exits non-zero naming the target and the input file when a fuzzer finds a crash, leak or
# timeout; the input goes to tests/fuzz/regressions/<target>/ once the bug is fixed.
# CONFORM_FUZZ_SEED fixes libFuzzer's seed: a run of N seconds then explores the first part of the
# same sequence on any machine, so whatever a shorter run finds, a longer local run finds too.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(mock_request spec_loader response_check sign_canonical)
fi

bash scripts/setup.sh
if [ ! -f build/fuzz/build.ninja ]; then
  cmake --preset fuzz >/dev/null
fi
if ! cmake --build --preset fuzz -j 2 >build/fuzz/build.log 2>&1; then
  cat build/fuzz/build.log >&2
  exit 1
fi

# Long enough for each target's largest seed (libFuzzer cuts longer inputs), short enough that a
# minute of fuzzing is spent on many inputs rather than a few huge ones.
max_len() {
  case $1 in
    spec_loader) echo 32768 ;;
    mock_request) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for target in "${targets[@]}"; do
  run=build/fuzz/fuzz-runs/$target
  rm -rf "$run"
  mkdir -p "$run/corpus" "$run/artifacts"
  for dir in "tests/fuzz/corpus/$target" "tests/fuzz/regressions/$target"; do
    if [ -d "$dir" ]; then
      find "$dir" -maxdepth 1 -type f ! -name README.md -exec cp {} "$run/corpus/" \;
    fi
  done
  seeds=$(find "$run/corpus" -type f | wc -l)
  set +e
  "build/fuzz/tests/fuzz/fuzz_$target" "$run/corpus" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len="$(max_len "$target")" -artifact_prefix="$run/artifacts/" \
    -print_final_stats=1 ${CONFORM_FUZZ_SEED:+-seed="$CONFORM_FUZZ_SEED"} >"$run/log" 2>&1
  rc=$?
  set -e
  stat() { sed -n "s/^stat::$1: *//p" "$run/log" | tail -1; }
  last=$(grep -E '^#[0-9]+' "$run/log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p' <<<"$last")
  units=$(find "$run/corpus" -type f | wc -l)
  printf 'fuzz: %-15s %ss  %s execs  %s exec/s  %s  corpus %s -> %s (+%s new)\n' "$target" \
    "$seconds" "$(stat number_of_executed_units)" "$(stat average_exec_per_sec)" "${cov:-cov ?}" \
    "$seeds" "$units" "$(stat new_units_added)"
  if [ $rc -ne 0 ]; then
    crash=$(find "$run/artifacts" -type f | head -1)
    echo "fuzz: $target FAILED (exit $rc): ${crash:-no input saved}; log $run/log" >&2
    grep -E -A12 '^==[0-9]+==ERROR|runtime error|fuzz property failed|ALARM|out-of-memory' \
      "$run/log" | head -40 >&2 || true
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} fuzzer(s) found a problem: ${failed[*]}" >&2
  exit 1
fi
