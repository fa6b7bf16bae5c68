#!/usr/bin/env bash
# Runs a test tree on one emulated micro:bit through mpunit, twice: at the board's calibrated
# pacing, and at a slow fixed pacing as the reference. Prints the counts, the wall time and
# seconds per file of each run, and every file whose verdict or output differs between the two
# (a difference would be a transfer problem, not the firmware).
#
#   bench/microbit/mpunit-pacing.sh <tests directory> [include regex] [reference pacing, default 16/8ms]
#
# For upstream v1.9.2's tests, get the tree from a MicroPython clone:
#   git archive v1.9.2 tests tools/pyboard.py | tar -x -C /tmp/up192
# Needs: apt-get install qemu-system-arm firmware-microbit-micropython
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../args.sh"
bench_dir "a tests directory" "$@"
root=$bench_root
tests=$dir
include=${bench_rest[0]:-}
reference=${bench_rest[1]:-16/8ms}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
select=()
[ -n "$include" ] && select=(--config "micropython.include=$include")

run() { # name, extra config...
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  "$root/mpunit" "$tests" --config micropython.target=qemu-microbit "${select[@]}" "$@" \
      --details=none --reports-dir="$out/$name" > "$out/$name.log" 2>&1 || true
  end=$(date +%s.%N)
  python3 "$here/junit_verdicts.py" "$out/$name" > "$out/$name.verdicts" || true
  head -1 "$out/$name.verdicts"
  python3 - "$start" "$end" "$out/$name" "$here" "$name" <<'PY'
import sys
sys.path.insert(0, sys.argv[4])
import junit_verdicts
results = junit_verdicts.load(sys.argv[3])
# Ran on the board: passed, failed, or aborted by the test itself (SKIP, too large); not skip tables.
ran = sum(1 for v in results.values() if v[0] in ("pass", "fail") or "TestAbortedException" in v[1])
seconds = float(sys.argv[2]) - float(sys.argv[1])
print(f"{sys.argv[5]}: {seconds:.1f} s wall, {len(results)} files judged, {ran} ran on the board, "
      f"{seconds / max(ran, 1):.3f} s per file that ran")
PY
}

echo "== calibrated pacing"
run calibrated
echo "== reference: fixed pacing $reference"
run reference --config micropython.board.pacing="$reference" --config micropython.board.calibrate=false
echo "== calibrated vs reference"
python3 "$here/junit_verdicts.py" "$out/calibrated" "$out/reference" || true
echo "reports in $out"
