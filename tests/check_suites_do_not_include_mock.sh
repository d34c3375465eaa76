#!/usr/bin/env bash
# Fails when a file under suites/ includes one under mock/: the suites reach the embedded mock only
# as an endpoint, the way they reach a remote one.
set -euo pipefail
cd "$1"
if grep -rn '#include "mock/' suites; then
  echo "suites/ must not include mock/ (app/ starts the mock and hands the suites its endpoint)"
  exit 1
fi
echo "suites/ includes nothing under mock/"
