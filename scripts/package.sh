#!/usr/bin/env bash
# Builds the Debian package of conform from the release preset (build/release/conform_*.deb) and
# checks it: its files, unpacked into a scratch directory, run the suite CONFORMANT against the
# embedded mock with no source tree in reach (tests/install/check_installed_run.sh).
# Configures every time, so that `conform --version` carries the current `git describe`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
bash scripts/build.sh release conform
rm -f build/release/conform_*.deb
(cd build/release && cpack -G DEB >cpack.log) || { cat build/release/cpack.log >&2; exit 1; }
deb=$(ls build/release/conform_*.deb)
bash tests/install/check_installed_run.sh --deb "$deb"
dpkg-deb --field "$deb" Package Version Depends
echo "package: $deb ($(du -k "$deb" | cut -f1) KiB)"
