#!/usr/bin/env bash
# Prints where mpunit's CPU seconds go on a tests tree: per process kind (the JVM, the node hosts,
# node processes of .mjs tests, CPython), per JVM thread, the JVM's Flight Recorder samples by
# package and by engine method, a timeline of cores in use and idle, and the node hosts' own trace
# of each script (MPUNIT_HOST_TRACE: creating its instance, running, waiting for its sleeps, the
# gaps between scripts) (bench/cpu_breakdown.py).
#
#   bench/where-the-time-goes.sh <tests dir> [more ./mpunit options, e.g. --config micropython.target=unix]
#
# It runs ./mpunit twice on one fresh cache directory: cold (every CPython expected output is
# computed), then warm (the same cache), and prints the breakdown of each. Both runs record with
# JFR to the same file: the environment CPython gets is part of its cache key, so the two runs
# must see the same JAVA_TOOL_OPTIONS for the second to be warm. Environment:
#   WHERE_WORK=dir       keep everything there (default: a temporary directory)
#   WHERE_CPYTHON=cmd    micropython.cpython (default: the executable python3 resolves to)
#   WHERE_TIMELINE=s     the timeline's step in seconds (default 1): cores in use per kind of
#                        process, by others and idle, and the idle core-seconds by phase
#   WHERE_NODE_PROF=1    a third, warm run with `node --cpu-prof` on every node process, summed by
#                        what node spent its time on (MicroPython's wasm, micropython.mjs's
#                        JavaScript, the host, GC); profiling slows node, so its CPU is not comparable
set -euo pipefail
. "$(dirname "$0")/args.sh"
bench_dir "a tests directory" "$@"
tests=$dir
set -- "${bench_rest[@]}"
here=$bench_root
work=${WHERE_WORK:-$(mktemp -d /tmp/where-the-time-goes.XXXXXX)}
mkdir -p "$work"
rm -rf "$work/cache" "$work/node-prof"
cpython=${WHERE_CPYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
echo "where-the-time-goes: results in $work" >&2

# Build the engine now, so that a rebuild is not measured.
"$here/mpunit" "$here/examples/tests" --config 'micropython.include=^$' --details none >/dev/null 2>&1 || true

measure() {  # name, extra options...
  local name=$1; shift
  echo "== mpunit $name" | tee "$work/$name.txt"
  python3 "$here/bench/cpu_breakdown.py" --jfr "$work/mpunit.jfr" "${breakdown[@]}" -- \
      "$here/mpunit" "$tests" --config "micropython.cache=$work/cache" --config "micropython.cpython=$cpython" \
      --config "micropython.results.dir=$work/results-$name" --details none "$@" >"$work/$name.log" 2>&1 || true
  sed -n '/^CPU seconds/,$p' "$work/$name.log" | tee -a "$work/$name.txt"
  echo
}
breakdown=(--timeline "${WHERE_TIMELINE:-1}" --host-trace "$work/host-trace.jsonl")
measure cold "$@"
measure warm "$@"
if [ "${WHERE_NODE_PROF:-}" = 1 ]; then
  mkdir -p "$work/node-prof"
  node=$(command -v node)
  printf '#!/bin/sh\nexec %q --cpu-prof --cpu-prof-dir=%q "$@"\n' "$node" "$work/node-prof" >"$work/node-prof.sh"
  chmod +x "$work/node-prof.sh"
  breakdown=(--timeline "${WHERE_TIMELINE:-1}" --node-prof "$work/node-prof")
  measure warm-node-prof --config "micropython.node=$work/node-prof.sh" "$@"
fi
