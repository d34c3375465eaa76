#!/usr/bin/env bash
# An installed conform works on its own: the install (cmake --install of a build tree, or the
# files of a .deb) is moved to a scratch directory unknown at build time, then run from an
# unrelated working directory with no CONFORM_* variable set. `conform run` must find the specs
# installed beside it (its "spec" line names a file in the moved tree, not the source tree) and
# be CONFORMANT against the embedded mock; nothing installed may name the build tree.
# Usage: check_installed_run.sh --build BUILD_DIR | --deb FILE.deb
set -euo pipefail
mode=${1:?usage: check_installed_run.sh --build BUILD_DIR | --deb FILE.deb}
from=${2:?usage: check_installed_run.sh --build BUILD_DIR | --deb FILE.deb}
from=$(realpath "$from")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() {
  echo "check_installed_run: $*" >&2
  exit 1
}

case $mode in
  --build)
    cmake --install "$from" --prefix "$scratch/staged" >"$scratch/install.log" ||
      { cat "$scratch/install.log" >&2; fail "cmake --install $from failed"; }
    staged=$scratch/staged
    ;;
  --deb)
    dpkg-deb -x "$from" "$scratch/root"
    staged=$scratch/root/usr
    ;;
  *) fail "unknown mode $mode" ;;
esac
mv "$staged" "$scratch/moved"
prefix=$scratch/moved

for f in bin/conform share/conform/specs/schema/operation.schema.json \
  share/conform/reports/schema/junit.xsd share/man/man1/conform.1 \
  share/doc/conform/ci-examples/github/conform.yml; do
  [ -e "$prefix/$f" ] || fail "$f is not installed"
done
if [ "$mode" = --build ] && grep -rlF "$from" "$prefix/share"; then
  fail "installed files above name the build tree $from"
fi

mkdir "$scratch/elsewhere"
cd "$scratch/elsewhere"
run() { env $(env | sed -n 's/^\(CONFORM_[A-Za-z_]*\)=.*/-u \1/p') PATH="$prefix/bin:/usr/bin:/bin" "$@"; }
version=$(run conform --version) || fail "conform --version failed"
[[ $version == "conform "[0-9]* ]] || fail "conform --version printed '$version'"
run conform lint >lint.log 2>&1 || { cat lint.log >&2; fail "conform lint failed"; }

set +e
run conform run --spec vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json --seed 1 --report-dir out >run.log 2>&1
code=$?
set -e
if [ $code -ne 0 ] || ! grep -q '^CONFORMANT' run.log; then
  tail -30 run.log >&2
  fail "conform run exited $code, not 0 CONFORMANT"
fi
spec=$(sed -n 's/^CONFORMANT .* spec \(.*\)$/\1/p' run.log)
spec=$(realpath "$spec")
[[ $spec == "$prefix/share/conform/specs/"* ]] || fail "the run read $spec, not the installed specs"
for f in results.json junit.xml report.html; do
  [ -s "out/$f" ] || fail "the run wrote no $f"
done
echo "check_installed_run: $version from ${mode#--} $(basename "$from"): CONFORMANT, spec $spec"
