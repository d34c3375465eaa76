#!/usr/bin/env bash
# Installs what conform needs on Debian 12 and nothing else. Idempotent: when every package is
# already there it only asks dpkg and returns in well under a second.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config dpkg-dev file
  libgtest-dev libgmock-dev librapidcheck-dev
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libpugixml-dev libcli11-dev
  libgoogle-perftools-dev
  python3 python3-jsonschema python3-yaml json-schema-test-suite clang-format
  nodejs
  libxml2-utils python3-junitparser chromium
  nginx
  curl openssl
  clang-14 libclang-rt-14-dev llvm-14
)
# dpkg-dev has dpkg-shlibdeps, which gives scripts/package.sh's .deb its Depends (with file);
# libgoogle-perftools-dev has tcmalloc, which conform links (cmake/ConformAllocator.cmake);
# python3-yaml reads the CI recipes in tests/install/.
# clang-14 builds the fuzz preset; libclang-rt-14-dev has libFuzzer and the ASan/UBSan runtimes it
# links; llvm-14 has llvm-symbolizer, without which a fuzzer's crash report has no file:line.
# The sdk test (tests/sdk) runs the official Node SDKs with node and npm. On Debian 12 npm is its
# own package; a nodejs built elsewhere (NodeSource) ships npm inside and conflicts with Debian's
# npm, so ask for the package only when there is no npm at all.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages: ${missing[*]}; run as root or install them with apt-get" >&2
  exit 2
fi

echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
