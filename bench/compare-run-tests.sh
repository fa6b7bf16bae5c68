#!/usr/bin/env bash
# Runs upstream MicroPython's run-tests.py and mpunit on the same tests/ tree and the same
# webassembly micropython.mjs, back to back, and prints counts, wall times and every file whose
# verdict differs.
#
#   bench/compare-run-tests.sh <micropython>/tests [path/to/micropython.mjs]
#   bench/compare-run-tests.sh --unix <micropython>/tests [path/to/unix/micropython]
#
# Without a micropython.mjs it uses the one mpunit installs from npm (installing it first).
# With --unix both run the unix port's executable (default: <tests>/../ports/unix/build-standard/
# micropython, where run-tests.py looks too): run-tests.py -t unix -j <cores> (COMPARE_JOBS), and
# mpunit with micropython.target=unix and the MICROPYPATH run-tests.py sets.
# mpunit is run twice on one fresh cache directory: cold (the directory is empty: every CPython
# expected output is computed, as run-tests.py always does, and no durations of earlier runs
# guide the scheduling), then warm (the same directory, filled by the cold run). Environment:
#   COMPARE_WORK=dir      keep the results there instead of a temporary directory
#   COMPARE_SKIP_UPSTREAM=1  reuse $COMPARE_WORK/run-tests (for re-reading a previous run)
#   COMPARE_CPYTHON=cmd   the CPython both tools compute expected outputs with (run-tests.py's
#                         MICROPY_CPYTHON3, mpunit's micropython.cpython); default: the
#                         executable python3 resolves to (see below)
set -euo pipefail
. "$(dirname "$0")/args.sh"
bench_tests_dir "$@"
set -- "$tests" "${bench_rest[@]}"
here=$bench_root
if [ ! -f "$tests/../tools/pyboard.py" ]; then
  echo "compare: $tests/../tools/pyboard.py is missing (run-tests.py imports it): use a tests/ directory of a MicroPython checkout" >&2
  exit 2
fi
if [ "$unix" = yes ]; then
  micropython=${2:-$tests/../ports/unix/build-standard/micropython}
  [ -x "$micropython" ] || { echo "compare: $micropython is not an executable: build the unix port (make -C ports/unix) or give its micropython" >&2; exit 2; }
  micropython=$(cd "$(dirname "$micropython")" && pwd)/$(basename "$micropython")
  # What run-tests.py sets (unless --keep-path): frozen modules, extmod, and micropython-lib's unittest.
  micropypath=".frozen:$tests/../extmod:$tests/../lib/micropython-lib/python-stdlib/unittest"
  jobs=${COMPARE_JOBS:-$(nproc)}
fi
version=1.27.0
default_mjs="${XDG_CACHE_HOME:-$HOME/.cache}/mpunit/webassembly/$version/npm/node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs"
if [ "$unix" = yes ]; then
  mjs=
elif [ $# -ge 2 ]; then
  mjs=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
else
  mjs=$default_mjs
  if [ ! -f "$mjs" ]; then
    echo "compare: installing the webassembly MicroPython through mpunit (one example file) ..." >&2
    "$here/mpunit" "$here/examples/tests" --config 'micropython.include=.' --details none >/dev/null || true
  fi
fi
[ "$unix" = yes ] || [ -f "$mjs" ] || { echo "compare: no micropython.mjs at $mjs" >&2; exit 2; }

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


# (a) upstream run-tests.py: serial as it runs webassembly (one node process per test), or with
# -j <cores> on the unix port (one micropython process per test).
if [ "${COMPARE_SKIP_UPSTREAM:-}" != 1 ]; then
  rm -rf "$work/run-tests"
  mkdir -p "$work/run-tests"
  if [ "$unix" = yes ]; then
    upstream=(env MICROPY_MICROPYTHON="$micropython" MICROPY_CPYTHON3="$cpython" python3 run-tests.py -t unix -j "$jobs")
  else
    upstream=(env MICROPY_MICROPYTHON_MJS="$mjs" MICROPY_CPYTHON3="$cpython" python3 run-tests.py -t webassembly)
  fi
  echo "compare: upstream ${upstream[*]:3} ..." >&2
  b0=$(busy)
  t0=$(now)
  { time (cd "$tests" && "${upstream[@]}" -r "$work/run-tests" >"$work/run-tests.log" 2>&1) ; } 2>"$work/run-tests.cpu" || true
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
  { time ("$here/mpunit" "$tests" "${target[@]}" \
      --config "micropython.cpython=$cpython" "$@" \
      --reports-dir "$work/$name" --details none >"$work/$name.log" 2>&1) ; } 2>"$work/$name.cpu" || true
  t1=$(now)
  echo "$t0 $t1" >"$work/$name.time"
  echo "$b0 $(busy)" >"$work/$name.busy"
}
if [ "$unix" = yes ]; then
  target=(--config micropython.target=unix --config "micropython.unix.micropython=$micropython"
    --config "micropython.unix.micropypath=$micropypath")
else
  target=(--config "micropython.webassembly.mjs=$mjs")
fi
rm -rf "$work/cache"
run_mpunit mpunit-cold --config "micropython.cache=$work/cache"
run_mpunit mpunit-warm --config "micropython.cache=$work/cache"

if [ "$unix" = yes ]; then
  python3 "$here/bench/compare_results.py" --tests "$tests" --micropython "$micropython" --jobs "$jobs" \
      --cpython "$cpython" --work "$work"
else
  python3 "$here/bench/compare_results.py" --tests "$tests" --mjs "$mjs" --cpython "$cpython" --work "$work"
fi
