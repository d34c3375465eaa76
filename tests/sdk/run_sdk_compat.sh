#!/usr/bin/env bash
# ctest driver for the official-SDK compatibility test (label sdk).
#
# usage: run_sdk_compat.sh CONFORM_BINARY SDK_SOURCE_DIR NODE_DIR
#   SDK_SOURCE_DIR  tests/sdk (package.json, package-lock.json, sdk_compat.js)
#   NODE_DIR        where the pinned SDKs are installed with `npm ci` and npm keeps its cache; it
#                   survives between runs (build/<preset>/sdk-node), so a warm run never asks npm.
#
# 1. Installs the locked SDKs into NODE_DIR unless the same lock file is already installed there.
#    If npm fails and the registry cannot be reached, exits 77 (ctest SKIP_RETURN_CODE) with
#    "SKIPPED: npm registry unreachable (...)"; any other npm failure fails the test.
# 2. Starts `conform mock` on 127.0.0.1, port 0, with a test key pair, and reads its URL.
# 3. Runs sdk_compat.js against that URL (all SDK traffic goes to 127.0.0.1, no proxy).
# 4. Always stops the mock with SIGTERM (trap), and fails if it did not stop cleanly.
set -uo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 CONFORM_BINARY SDK_SOURCE_DIR NODE_DIR" >&2
  exit 2
fi
conform=$1
src=$(cd "$2" && pwd)
node_dir=$3
readonly KEY_ID=conform-sdk-key
readonly KEY_SECRET=conform-sdk-secret  # a test pair known only to this mock, not a credential

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

for tool in node npm; do
  command -v "$tool" >/dev/null || fail "$tool not found (scripts/setup.sh installs nodejs and npm)"
done

mkdir -p "$node_dir" || fail "cannot create $node_dir"
node_dir=$(cd "$node_dir" && pwd)

# ---- 1. install the pinned SDKs (serialised: two runs of one preset share NODE_DIR)
exec 9>"$node_dir/.lock"
flock 9
stamp_file=$node_dir/installed.stamp
want_stamp="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-64) node $(node --version)"
if [ -d "$node_dir/node_modules" ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$want_stamp" ]; then
  echo "sdk: SDKs already installed in $node_dir"
else
  rm -f "$stamp_file"
  cp "$src/package.json" "$src/package-lock.json" "$node_dir/"
  started=$(date +%s)
  # --ignore-scripts: the only install script in the tree (@alicloud/openapi-core's postinstall)
  # installs TypeScript for Node 10/12 only and does nothing on Node 20.
  if ! (cd "$node_dir" && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline \
          --cache "$node_dir/npm-cache" --fetch-timeout=20000 --fetch-retries=1 \
          --loglevel=error) >"$node_dir/npm-ci.log" 2>&1; then
    reason=$(grep -m1 -E 'npm (error|ERR!) (code|errno) ' "$node_dir/npm-ci.log" | sed 's/^npm \(error\|ERR!\) //')
    if ! (cd "$node_dir" && npm ping --fetch-timeout=10000 --fetch-retries=0) >"$node_dir/npm-ping.log" 2>&1; then
      echo "SKIPPED: npm registry unreachable (npm ci failed with ${reason:-no error code}; npm ping failed too; see $node_dir/npm-ci.log)"
      exit 77
    fi
    cat "$node_dir/npm-ci.log" >&2
    fail "npm ci failed although the registry answers npm ping (${reason:-no error code})"
  fi
  echo "$want_stamp" >"$stamp_file"
  echo "sdk: npm ci installed the SDKs into $node_dir in $(($(date +%s) - started)) s"
fi
flock -u 9

# ---- 2. start the mock
run_dir=$(mktemp -d "$node_dir/run.XXXXXX") || fail "cannot create a run directory"
mock_pid=
stop_mock() {
  local status=0
  if [ -n "$mock_pid" ]; then
    kill -TERM "$mock_pid" 2>/dev/null
    for _ in $(seq 50); do
      kill -0 "$mock_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$mock_pid" 2>/dev/null; then
      echo "FAIL: conform mock did not stop within 5 s of SIGTERM; killing it" >&2
      kill -KILL "$mock_pid" 2>/dev/null
      status=1
    fi
    wait "$mock_pid" 2>/dev/null
    local rc=$?
    if [ "$status" -eq 0 ] && [ "$rc" -ne 0 ]; then
      echo "FAIL: conform mock exited with status $rc after SIGTERM" >&2
      status=1
    fi
    mock_pid=
  fi
  return $status
}
on_exit() {
  local rc=$?
  trap '' PIPE  # a closed stdout must not cut the clean-up short
  stop_mock || { [ "$rc" -eq 0 ] && rc=1; }
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ] && [ -s "$run_dir/mock.log" ]; then
    echo "---- conform mock stderr" >&2
    cat "$run_dir/mock.log" >&2
  fi
  rm -rf "$run_dir"
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP
trap 'exit 141' PIPE

"$conform" mock --port 0 --access-key "$KEY_ID:$KEY_SECRET" >"$run_dir/mock.url" 2>"$run_dir/mock.log" &
mock_pid=$!
url=
for _ in $(seq 600); do
  url=$(head -n1 "$run_dir/mock.url" 2>/dev/null)
  [ -n "$url" ] && break
  kill -0 "$mock_pid" 2>/dev/null || fail "conform mock exited before printing its URL"
  sleep 0.1
done
[ -n "$url" ] || fail "conform mock printed no URL within 60 s (it loads every spec under the specs directory)"
case $url in
  http://127.0.0.1:*) ;;
  *) fail "conform mock printed '$url', expected http://127.0.0.1:PORT" ;;
esac
echo "sdk: conform mock at $url"

# ---- 3. run the SDKs against it: no proxy, no ambient Alibaba Cloud credentials
env -u HTTP_PROXY -u http_proxy -u HTTPS_PROXY -u https_proxy -u ALL_PROXY -u all_proxy \
  -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET -u ALIBABA_CLOUD_SECURITY_TOKEN \
  -u ALIBABA_CLOUD_PROFILE -u ALIBABA_CLOUD_CREDENTIALS_FILE \
  NO_PROXY=127.0.0.1 no_proxy=127.0.0.1 \
  CONFORM_SDK_KEY_ID="$KEY_ID" CONFORM_SDK_KEY_SECRET="$KEY_SECRET" \
  node "$src/sdk_compat.js" "$url" "$node_dir"
rc=$?
[ "$rc" -eq 0 ] || fail "the official SDKs disagree with conform mock (FAIL lines above name the SDK, the style and what came back)"

# ---- 4. stop the mock (the trap would too; doing it here reports a bad stop as a failure)
stop_mock || exit 1
echo "sdk: conform mock stopped cleanly"
