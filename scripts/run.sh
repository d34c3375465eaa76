#!/usr/bin/env bash
# The main job: set up, build, check the specs, then run the whole conformance suite against the
# embedded mock (or the target in $CONFORM_TARGET / the flags given) and write the reports.
# Extra arguments go to `conform run` (e.g. --seed N, --kind K, --target FILE).
# Exit: 0 conformant, 1 non-conformance, 2 usage/tool error, 3 inconclusive.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release >&2
conform=build/release/conform
"$conform" lint >&2
# The curated operation unless the arguments select others (--spec, --spec-dir, --operation): the
# whole product is 394 operations, a run of minutes (README, "Whole product").
select=(--spec specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json)
for arg in "$@"; do
  case $arg in --spec | --spec=* | --spec-dir | --spec-dir=* | --operation | --operation=*) select=() ;; esac
done
exec "$conform" run "${select[@]}" --report-dir "${CONFORM_REPORT_DIR:-reports-out}" "$@"
