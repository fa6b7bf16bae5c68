#!/usr/bin/env bash
# Upstream v1.9.2's tests on one emulated micro:bit, three ways, on this machine and in this run:
#  1. upstream's own run-tests + pyboard.py with 16-byte chunks (256 loses bytes on this UART;
#     a lock-up is cut short after STALL seconds and the rest run on a restarted QEMU),
#  2. mpunit at the board's calibrated pacing,
#  3. mpunit at a slow fixed pacing (the transfer reference).
# The same directories as upstream's --target minimal (basics, micropython, float, misc, extmod).
#
#   bench/microbit/compare-v1.9.2.sh <tree holding v1.9.2's tests/ and tools/pyboard.py>
#
# Needs python3-serial for upstream's pyboard.py, and qemu-system-arm + firmware-microbit-micropython.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../args.sh"
bench_dir "the v1.9.2 tree (tests/ and tools/pyboard.py)" "$@"
tree=$dir
out=$(mktemp -d)

echo "== upstream run-tests, pyboard.py with 16-byte chunks"
STALL=${STALL:-30} "$here/run-upstream-v1.9.2.sh" "$tree" 16 "$out/upstream" | tail -n 12
OUT="$out/mpunit" "$here/mpunit-pacing.sh" "$tree/tests" '^(basics|micropython|float|misc|extmod)/'
echo "all output in $out"
