#!/bin/bash
# Runs MicroPython v1.9.2's own tests/run-tests (target "minimal") against an
# emulated BBC micro:bit (qemu-system-arm -M microbit, MicroPython v1.9.2
# firmware) and prints the figures quoted in README.md.
#
# Usage:  run-upstream-v1.9.2.sh UPSTREAM_TREE [CHUNK] [OUTDIR]
#
#   UPSTREAM_TREE  a directory holding v1.9.2's tests/ and tools/pyboard.py.
#                  Nothing is downloaded by this script; make the tree from a
#                  MicroPython clone with:
#                    git -C micropython archive v1.9.2 tests tools/pyboard.py \
#                      | tar -x -C /tmp/up192
#                  (Upstream files are MIT-licensed and are NOT kept in this
#                  repository.)
#   CHUNK          bytes per write in pyboard.py's exec_raw_no_follow
#                  (default 256 = upstream unmodified).  Any other value runs a
#                  patched COPY whose only change is 256 -> CHUNK on the two
#                  lines of that loop (the 10 ms sleep between writes stays).
#   OUTDIR         work directory (default /tmp/mb-upstream-CHUNK); the copy
#                  of the tree, the logs and summary.txt go there.
#
# Environment: PY (python3 with pyserial; default /usr/bin/python3),
#   FIRMWARE (default /usr/share/firmware-microbit-micropython/firmware.hex),
#   STALL (seconds without a result line before the run counts as stalled,
#   default 60), TOTAL (overall time limit in seconds, default 1500).
#
# Upstream run-tests runs all files in one process against one board; when
# the firmware locks up (no answer, not even to Ctrl-C) pyboard.py blocks
# forever in serial.read().  So that one lock-up does not hide the other
# ~280 files, this script watches the output: after STALL seconds with no
# new result line it kills run-tests, records the first unreported file as
# STALL (and whether the board still answers Ctrl-C), restarts QEMU and
# runs run-tests again on the files after it.
# With STALL=0 it does not restart: it runs upstream exactly once, until
# TOTAL, which reproduces the plain "hangs forever" behaviour.
set -u
. "$(dirname "$0")/../args.sh"
bench_dir "UPSTREAM_TREE, a directory holding v1.9.2's tests/ and tools/pyboard.py" "$@"
TREE=$dir
CHUNK=${bench_rest[0]:-256}
OUT=${bench_rest[1]:-/tmp/mb-upstream-$CHUNK}
PY=${PY:-/usr/bin/python3}
FIRMWARE=${FIRMWARE:-/usr/share/firmware-microbit-micropython/firmware.hex}
STALL=${STALL:-60}
TOTAL=${TOTAL:-1500}

"$PY" -c 'import serial' || { echo "need pyserial for $PY (apt-get install python3-serial)"; exit 2; }
[ -f "$TREE/tests/run-tests" ] && [ -f "$TREE/tools/pyboard.py" ] || { echo "$TREE lacks tests/run-tests or tools/pyboard.py"; exit 2; }

if [ -z "${SUMMARY_ONLY:-}" ]; then  # SUMMARY_ONLY=1: only re-print the summary of OUTDIR
rm -rf "$OUT"; mkdir -p "$OUT"
cp -a "$TREE/tests" "$TREE/tools" "$OUT/"
if [ "$CHUNK" != 256 ]; then
    sed -i "s/range(0, len(command_bytes), 256)/range(0, len(command_bytes), $CHUNK)/; s/min(i + 256, len(command_bytes))/min(i + $CHUNK, len(command_bytes))/" "$OUT/tools/pyboard.py"
    [ "$(grep -c "$CHUNK" "$OUT/tools/pyboard.py")" -ge 2 ] || { echo "patch failed"; exit 2; }
fi
cd "$OUT/tests"
export MICROPY_CPYTHON3="$PY" PYTHONUNBUFFERED=1

# the list run-tests builds itself for --target minimal, in the same order
"$PY" -c 'from glob import glob
for f in sorted(f for d in ("basics","micropython","float","misc","extmod") for f in glob(d+"/*.py")): print(f)' > "$OUT/all-files.txt"

QPID=
start_qemu() {
    qemu-system-arm -M microbit -device loader,file="$FIRMWARE" \
        -nographic -monitor none -serial pty > "$OUT/qemu.log" 2>&1 < /dev/null &
    QPID=$!
    PTY=
    for _ in $(seq 100); do
        PTY=$(grep -o '/dev/pts/[0-9]*' "$OUT/qemu.log" 2>/dev/null) && [ -n "$PTY" ] && break
        sleep 0.1
    done
    sleep 0.5
}
stop_qemu() { [ -n "$QPID" ] && kill "$QPID" 2>/dev/null; wait "$QPID" 2>/dev/null; QPID=; }
trap 'stop_qemu; [ -n "${RPID:-}" ] && kill -- -$RPID 2>/dev/null' EXIT

T0=$(date +%s.%N)
cp "$OUT/all-files.txt" "$OUT/remaining.txt"
: > "$OUT/results.txt"; : > "$OUT/lockups.txt"; : > "$OUT/batches.txt"
batch=0
while [ -s "$OUT/remaining.txt" ]; do
    batch=$((batch + 1))
    left=$("$PY" -c "import time; print(int($TOTAL - (time.time() - $T0)))")
    [ "$left" -le 5 ] && { echo "TOTAL time limit reached" | tee -a "$OUT/lockups.txt"; break; }
    log="$OUT/batch$batch.log"
    echo "$log $(date +%s.%N)" >> "$OUT/batches.txt"
    start_qemu
    echo "batch $batch: $(wc -l < "$OUT/remaining.txt") files, $PTY, ${left}s left"
    # one line per result, prefixed with the epoch time it was printed at
    setsid bash -c 'timeout '"$left"' "$0" run-tests --target minimal --device "$1" $(cat "$2") 2>&1 |
        while IFS= read -r l; do echo "$(date +%s.%N) $l"; done > "$3"' \
        "$PY" "$PTY" "$OUT/remaining.txt" "$log" &
    RPID=$!
    last=$(date +%s); n=0; stalled=
    while kill -0 $RPID 2>/dev/null; do
        sleep 1
        m=$(wc -l < "$log")
        if [ "$m" != "$n" ]; then n=$m; last=$(date +%s)
        elif [ "$STALL" -gt 0 ] && [ $(( $(date +%s) - last )) -ge "$STALL" ]; then
            stalled=1; kill -- -$RPID 2>/dev/null; break
        fi
    done
    wait $RPID 2>/dev/null; RPID=
    probe=
    if [ -n "$stalled" ]; then
        # does the board still answer?  Ctrl-C twice, then Ctrl-A (raw REPL)
        probe=$("$PY" - "$PTY" <<'PYEOF'
import os, select, sys, tty
fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY); tty.setraw(fd)
def rd(t):
    got = b""
    while select.select([fd], [], [], t)[0]:
        got += os.read(fd, 4096)
    return got
os.write(fd, b"\r\x03\x03"); a = rd(2)
os.write(fd, b"\r\x01"); b = rd(2)
print("answers Ctrl-C/Ctrl-A: %r" % (a + b)[-40:] if a + b else "no answer to Ctrl-C/Ctrl-A")
PYEOF
)
    fi
    stop_qemu
    grep -E '^[0-9.]+ (pass|FAIL|skip) ' "$log" >> "$OUT/results.txt"
    # files not reported yet, in order
    "$PY" - "$OUT/remaining.txt" "$log" <<'PYEOF' > "$OUT/rest.txt"
import sys
done = {l.split()[2] for l in open(sys.argv[2]) if len(l.split()) == 3 and l.split()[1] in ("pass", "FAIL", "skip")}
for f in open(sys.argv[1]).read().split():
    if f not in done: print(f)
PYEOF
    if [ -n "$stalled" ] && [ -s "$OUT/rest.txt" ]; then
        f=$(head -1 "$OUT/rest.txt")
        echo "$(date +%s.%N) STALL $f (no output for ${STALL}s, batch $batch; $probe)" | tee -a "$OUT/lockups.txt"
        tail -n +2 "$OUT/rest.txt" > "$OUT/remaining.txt"
    else
        [ -s "$OUT/rest.txt" ] && echo "run-tests ended with $(wc -l < "$OUT/rest.txt") files unreported" | tee -a "$OUT/lockups.txt"
        break
    fi
done
T1=$(date +%s.%N)
echo "$T0 $T1" > "$OUT/times.txt"
else cd "$OUT/tests"; read -r T0 T1 < "$OUT/times.txt"; fi

# a FAIL whose .out file is exactly "CRASH" is pyboard.py's PyboardError
# (no "OK" after the code, an exception printed, a timeout).  run-tests names
# .out files by basename, so a later file of the same name overwrites one.
"$PY" - "$OUT" "$T0" "$T1" "$CHUNK" <<'PYEOF' | tee "$OUT/summary.txt"
import os, sys
out, t0, t1, chunk = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
res = [l.split() for l in open(out + "/results.txt")]
stall = [l for l in open(out + "/lockups.txt") if " STALL " in l]
lock = [l.split()[2] for l in stall if "no answer" in l]
allf = open(out + "/all-files.txt").read().split()
kinds = {k: [r[2] for r in res if r[1] == k] for k in ("pass", "FAIL", "skip")}
def out_of(f):
    p = out + "/tests/" + os.path.basename(f) + ".out"
    return open(p, "rb").read() if os.path.exists(p) else None
crash = [f for f in kinds["FAIL"] if out_of(f) == b"CRASH"]
lost = [f for f in kinds["FAIL"] if out_of(f) is None]  # removed by a same-named pass
ran = len(kinds["pass"]) + len(kinds["FAIL"])
wall = t1 - t0
print("pyboard.py chunk: %s bytes" % chunk)
print("files listed: %d, reported: %d, stalled: %d (board silent even to Ctrl-C: %d), never reached: %d"
      % (len(allf), len(res), len(stall), len(lock), len(allf) - len(res) - len(stall)))
print("pass %d  FAIL %d (of which CRASH %d)  skip %d  stalled %d"
      % (len(kinds["pass"]), len(kinds["FAIL"]), len(crash), len(kinds["skip"]), len(stall)))
print("wall %.1f s; %.3f s per reported file; %.3f s per executed (pass+FAIL) file"
      % (wall, wall / max(1, len(res)), wall / max(1, ran)))
# time spent running tests: from each batch's start (QEMU start included)
# to its last result line, i.e. without the STALL waits
active = 0.0
for l in open(out + "/batches.txt"):
    log, start = l.split()
    ts = [float(x.split()[0]) for x in open(log) if len(x.split()) > 1 and x.split()[1] in ("pass", "FAIL", "skip")]
    if ts:
        active += ts[-1] - float(start)
print("without the lock-up waits: %.1f s; %.3f s per reported file; %.3f s per executed file"
      % (active, active / max(1, len(res)), active / max(1, ran)))
print("stalls:\n" + "".join("  " + l.split(" ", 2)[2] for l in stall), end="")
print("CRASH: " + " ".join(crash))
print("FAIL (not CRASH): " + " ".join(f for f in kinds["FAIL"] if f not in crash and f not in lost))
if lost:
    print("FAIL, .out gone (a same-named file passed later): " + " ".join(lost))
PYEOF
