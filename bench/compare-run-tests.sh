#!/usr/bin/env bash
# Runs upstream MicroPython's run-tests.py and mpunit on the same tests/ tree and the same
# webassembly micropython.mjs, back to back, and prints counts, wall times and every file whose
# verdict differs.
#
#   bench/compare-run-tests.sh <micropython>/tests [path/to/micropython.mjs]
#
# Without a micropython.mjs it uses the one mpunit installs from npm (installing it first).
# mpunit is run twice on one fresh cache directory: cold (the directory is empty: every CPython
# expected output is computed, as run-tests.py always does, and no durations of earlier runs
# guide the scheduling), then warm (the same directory, filled by the cold run). Environment:
#   COMPARE_WORK=dir      keep the results there instead of a temporary directory
#   COMPARE_SKIP_UPSTREAM=1  reuse $COMPARE_WORK/run-tests (for re-reading a previous run)
#   COMPARE_CPYTHON=cmd   the CPython both tools compute expected outputs with (run-tests.py's
#                         MICROPY_CPYTHON3, mpunit's micropython.cpython); default: the
#                         executable python3 resolves to (see below)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

if [ $# -lt 1 ] || [ ! -f "$1/run-tests.py" ]; then
  echo "usage: $0 <micropython tests dir (with run-tests.py)> [micropython.mjs]" >&2
  exit 2
fi
tests=$(cd "$1" && pwd)
if [ ! -f "$tests/../tools/pyboard.py" ]; then
  echo "compare: $tests/../tools/pyboard.py is missing (run-tests.py imports it): use a tests/ directory of a MicroPython checkout" >&2
  exit 2
fi
version=1.27.0
default_mjs="${XDG_CACHE_HOME:-$HOME/.cache}/mpunit/webassembly/$version/npm/node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs"
if [ $# -ge 2 ]; then
  mjs=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
else
  mjs=$default_mjs
  if [ ! -f "$mjs" ]; then
    echo "compare: installing the webassembly MicroPython through mpunit (one example file) ..." >&2
    "$here/mpunit" "$here/examples/tests" --config 'micropython.include=.' --details none >/dev/null || true
  fi
fi
[ -f "$mjs" ] || { echo "compare: no micropython.mjs at $mjs" >&2; exit 2; }

work=${COMPARE_WORK:-$(mktemp -d /tmp/compare-run-tests.XXXXXX)}
mkdir -p "$work"
echo "compare: results in $work" >&2

# Build the engine now, so that a rebuild is not timed.
"$here/mpunit" "$here/examples/tests" --config 'micropython.include=^$' --details none >/dev/null 2>&1 || true

# The CPython both tools compute expected outputs with. By default python3's own executable
# (sys.executable), not the python3 command: under pyenv, python3 is a shim costing ~0.1 s per
# start; run-tests.py, itself started through the shim, finds the real interpreter first on its
# PATH, and mpunit resolves sys.executable itself (since commit b99920b). Passing the resolved
# executable to both pins the same interpreter whatever either tool does.
cpython=${COMPARE_CPYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
now() { date +%s.%N; }
# CPU seconds the whole machine was busy so far (/proc/stat; USER_HZ is 100 on Linux): with the
# CPU time of the run itself (bash's time) it tells how much other work shared the machine.
busy() { awk '/^cpu /{printf "%.2f", ($2+$3+$4+$7+$8+$9)/100}' /proc/stat 2>/dev/null || echo 0; }
TIMEFORMAT='%U %S'


# (a) upstream run-tests.py, serial as it runs webassembly (one node process per test).
if [ "${COMPARE_SKIP_UPSTREAM:-}" != 1 ]; then
  rm -rf "$work/run-tests"
  mkdir -p "$work/run-tests"
  echo "compare: upstream run-tests.py -t webassembly ..." >&2
  b0=$(busy)
  t0=$(now)
  { time (cd "$tests" && MICROPY_MICROPYTHON_MJS="$mjs" MICROPY_CPYTHON3="$cpython" python3 run-tests.py -t webassembly \
      -r "$work/run-tests" >"$work/run-tests.log" 2>&1) ; } 2>"$work/run-tests.cpu" || true
  t1=$(now)
  echo "$t0 $t1" >"$work/run-tests.time"
  echo "$b0 $(busy)" >"$work/run-tests.busy"
fi

# (b) mpunit through the JUnit console launcher; cold = a fresh cache directory.
run_mpunit() {  # name, extra options...
  local name=$1; shift
  rm -rf "$work/$name"
  echo "compare: mpunit ($name) ..." >&2
  local t0 t1 b0
  b0=$(busy)
  t0=$(now)
  { time ("$here/mpunit" "$tests" --config "micropython.webassembly.mjs=$mjs" \
      --config "micropython.cpython=$cpython" "$@" \
      --reports-dir "$work/$name" --details none >"$work/$name.log" 2>&1) ; } 2>"$work/$name.cpu" || true
  t1=$(now)
  echo "$t0 $t1" >"$work/$name.time"
  echo "$b0 $(busy)" >"$work/$name.busy"
}
rm -rf "$work/cache"
run_mpunit mpunit-cold --config "micropython.cache=$work/cache"
run_mpunit mpunit-warm --config "micropython.cache=$work/cache"

python3 "$here/bench/compare_results.py" --tests "$tests" --mjs "$mjs" --cpython "$cpython" --work "$work"
