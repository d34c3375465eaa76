#!/usr/bin/env bash
# Regenerates the approved report baselines (tests/reports/golden/*.approved.*) after a reviewed
# change to a writer, then shows what changed. Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
bash scripts/build.sh "$preset"
CONFORM_APPROVE=1 "build/$preset/tests/conform_tests" --gtest_filter='report_golden.*' --gtest_brief=1
rm -f tests/reports/golden/*.received
git --no-pager diff --stat -- tests/reports/golden
