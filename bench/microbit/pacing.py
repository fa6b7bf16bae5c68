#!/usr/bin/env python3
"""Raw-REPL pacing measurements against an emulated BBC micro:bit.

The QEMU micro:bit (MicroPython v1.9.2, no raw-paste) drops UART input
bytes that arrive too fast.  This script sends code through the raw REPL in
chunks of N bytes with G ms between chunks and compares the output with a
very slow reference run.  No pyserial: the pty is driven with os, termios and
select.  QEMU is started (and restarted after a lock-up) by the script.

  pacing.py sweep  FILE... [--chunks 16,32,48,64,128] [--gaps 0,1,2,4,10]
                           [--reps 3] [--ref 8:20] [--json out.json]
  pacing.py table  SWEEP.json...  one table from the rows of several sweeps
  pacing.py send   (FILE | -c CODE) [--chunk 16] [--gap 5] [--timeout 10]
                   [--ctrlc]      send once, print the result; with --ctrlc
                                  also send Ctrl-C afterwards and report
                                  whether the board answers it
  pacing.py lockup (FILE | -c CODE) [--times 3] [--chunk 16] [--gap 5]
                   fresh QEMU per attempt: send, expect no answer within the
                   timeout and none to Ctrl-C; then kill QEMU, start a new
                   one and check it answers print(1)

Every exec is preceded by a soft reset (Ctrl-D in the raw REPL), as upstream
run-tests does through pyboard.py's enter_raw_repl().
"""
import argparse
import json
import os
import re
import select
import signal
import subprocess
import sys
import termios
import time
import tty

FIRMWARE = "/usr/share/firmware-microbit-micropython/firmware.hex"
BANNER = b"raw REPL; CTRL-B to exit\r\n>"


class Timeout(Exception):
    pass


class Emulator:
    """One qemu-system-arm -M microbit process and its pty."""

    def __init__(self, firmware=FIRMWARE):
        self.firmware = firmware
        self.proc = None
        self.fd = None

    def start(self):
        self.proc = subprocess.Popen(
            ["qemu-system-arm", "-M", "microbit", "-device",
             "loader,file=" + self.firmware, "-nographic", "-monitor", "none",
             "-serial", "pty"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, start_new_session=True)
        line = b""
        deadline = time.time() + 10
        while time.time() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if r:
                line += os.read(self.proc.stdout.fileno(), 256)
                m = re.search(rb"/dev/pts/\d+", line)
                if m:
                    self.pty = m.group().decode()
                    break
        else:
            raise RuntimeError("QEMU printed no pty: %r" % line)
        self.fd = os.open(self.pty, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)
        attrs = termios.tcgetattr(self.fd)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
        time.sleep(0.3)
        return self

    def stop(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.proc is not None:
            self.proc.kill()  # only the QEMU this object started
            self.proc.wait()
            self.proc = None

    def restart(self):
        self.stop()
        return self.start()

    # --- byte level -----------------------------------------------------
    def write(self, data):
        while data:
            n = os.write(self.fd, data)
            data = data[n:]

    def drain(self, quiet=0.1):
        """Read and return whatever arrives until `quiet` s of silence."""
        got = b""
        while True:
            r, _, _ = select.select([self.fd], [], [], quiet)
            if not r:
                return got
            got += os.read(self.fd, 4096)

    def read_until(self, ending, timeout):
        data = b""
        deadline = time.time() + timeout
        while not data.endswith(ending):
            left = deadline - time.time()
            if left <= 0:
                raise Timeout(data)
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                data += os.read(self.fd, 1)
        return data

    # --- raw REPL -------------------------------------------------------
    def enter_raw(self, timeout=5):
        self.write(b"\r\x03\x03")
        self.drain(0.2)
        self.write(b"\r\x01")
        self.read_until(BANNER, timeout)

    def soft_reset(self, timeout=5):
        """Ctrl-D at the raw REPL prompt: soft reboot, back at the prompt."""
        self.write(b"\x04")
        self.read_until(b"soft reboot\r\n", timeout)
        self.read_until(BANNER, timeout)

    def send_code(self, code, chunk, gap_ms):
        for i in range(0, len(code), chunk):
            self.write(code[i:i + chunk])
            if gap_ms:
                time.sleep(gap_ms / 1000.0)
        self.write(b"\x04")

    def exec_raw(self, code, chunk, gap_ms, timeout=10):
        """Returns (status, stdout, stderr); status 'ok', 'noOK' (something
        else than OK came back), 'no-OK' (nothing came back after the code
        and Ctrl-D) or 'timeout' (OK came, then silence before the end).

        The timeout is for silence, as in pyboard.py's read_until."""
        self.send_code(code, chunk, gap_ms)
        try:
            ok = self.read_until(b"OK", timeout)
        except Timeout as t:
            return "no-OK", t.args[0], b""
        if ok != b"OK":
            return "noOK", ok, b""
        try:
            out = self._read_eof(timeout)
            err = self._read_eof(timeout)
            self.read_until(b">", timeout)
        except Timeout as t:
            return "timeout", t.args[0], b""
        return "ok", out[:-1], err[:-1]

    def _read_eof(self, silence):
        data = b""
        while not data.endswith(b"\x04"):
            r, _, _ = select.select([self.fd], [], [], silence)
            if not r:
                raise Timeout(data)
            data += os.read(self.fd, 1)
        return data

    def answers_ctrl_c(self, wait=3):
        """Send Ctrl-C; return the bytes the board sends back within wait s."""
        self.write(b"\x03")
        time.sleep(wait)
        return self.drain(0.2)

    def alive(self):
        try:
            self.enter_raw(3)
            self.soft_reset(3)
            st, out, err = self.exec_raw(b"print(1)", 8, 20, timeout=3)
            return st == "ok" and out.strip() == b"1"
        except Timeout:
            return False


def run_one(emu, code, chunk, gap, timeout):
    """Soft reset, then exec.  On any timeout restart QEMU (a lock-up)."""
    try:
        emu.soft_reset()
    except Timeout:
        emu.restart()
        emu.enter_raw()
        emu.soft_reset()
    st, out, err = emu.exec_raw(code, chunk, gap, timeout)
    if st != "ok":
        emu.restart()
        emu.enter_raw()
    return st, out, err


def result_key(st, out, err):
    return st + "\0" + (out + b"\0" + err).decode("latin-1")


def cmd_sweep(a):
    files = a.files
    codes = {f: open(f, "rb").read() for f in files}
    chunks = [int(x) for x in a.chunks.split(",")]
    gaps = [float(x) for x in a.gaps.split(",")]
    rc, rg = (float(x) for x in a.ref.split(":"))
    rc = int(rc)
    emu = Emulator(a.firmware).start()
    emu.enter_raw()
    t0 = time.time()
    ref = {}
    for rep in range(2):  # the reference twice: the files must be deterministic
        for f in files:
            k = result_key(*run_one(emu, codes[f], rc, rg, a.timeout))
            if rep and ref[f] != k:
                print("reference not deterministic, dropping", f, file=sys.stderr)
                ref[f] = None
            elif not rep:
                ref[f] = k
    files = [f for f in files if ref[f] is not None]
    print("reference (%d B chunks, %g ms) done in %.0f s; %d files, %d B total"
          % (rc, rg, time.time() - t0, len(files), sum(len(codes[f]) for f in files)),
          file=sys.stderr)
    for f in files:
        st = ref[f].split("\0")[0]
        print("  ref %-40s %5d B  %s %r" % (f, len(codes[f]), st, ref[f].split("\0", 1)[1][:60]),
              file=sys.stderr)
    rows = []
    for chunk in chunks:
        for gap in gaps:
            for rep in range(a.reps):
                t = time.time()
                diff, lock, why = [], [], {}
                for f in files:
                    st, out, err = run_one(emu, codes[f], chunk, gap, a.timeout)
                    if st != "ok":
                        lock.append(f)
                    if result_key(st, out, err) != ref[f]:
                        diff.append(f)
                        last = (err.strip().splitlines() or [b"stdout differs"])[-1]
                        why[f + " " + st + ": " + last.decode("latin-1")[:60]] = 1
                row = dict(chunk=chunk, gap_ms=gap, rep=rep + 1, files=len(files),
                           differ=len(diff), timeouts=len(lock),
                           seconds=round(time.time() - t, 2), differing=diff,
                           why=list(why))
                rows.append(row)
                print("chunk %3d gap %4g ms rep %d: %2d/%d differ, %d timeouts, %.1f s"
                      % (chunk, gap, rep + 1, len(diff), len(files), len(lock),
                         row["seconds"]), file=sys.stderr)
    emu.stop()
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(dict(reference=dict(chunk=rc, gap_ms=rg), files=files,
                           sizes={f: len(codes[f]) for f in files}, rows=rows), fh, indent=1)
    print_table(rows, chunks, gaps, len(files), sum(len(codes[f]) for f in files))


def print_table(rows, chunks, gaps, nfiles, nbytes):
    """Markdown table: differing outputs in each repetition, mean seconds."""
    print("| chunk \\ gap | " + " | ".join("%g ms" % g for g in gaps) + " |")
    print("|---|" + "---|" * len(gaps))
    for chunk in chunks:
        cells = []
        for gap in gaps:
            rs = [r for r in rows if r["chunk"] == chunk and r["gap_ms"] == gap]
            cells.append("/".join(str(r["differ"]) for r in rs)
                         + (" (%d t/o)" % sum(r["timeouts"] for r in rs)
                            if any(r["timeouts"] for r in rs) else "")
                         + " · %.1f s" % (sum(r["seconds"] for r in rs) / len(rs)))
        print("| %d B | %s |" % (chunk, " | ".join(cells)))
    print("\ncells: differing outputs (of %d files, %d B) in each repetition · mean seconds "
          "per repetition (soft reset + send + run, all files)" % (nfiles, nbytes))


def cmd_table(a):
    """Merge the rows of several sweep --json files into one table."""
    rows, files, sizes = [], None, {}
    for n, path in enumerate(a.jsons):
        d = json.load(open(path))
        files = files or d["files"]
        sizes.update(d["sizes"])
        rows += d["rows"]
    chunks = sorted({r["chunk"] for r in rows})
    gaps = sorted({r["gap_ms"] for r in rows})
    print_table(rows, chunks, gaps, len(files), sum(sizes[f] for f in files))


def load_code(a):
    if a.c is not None:
        return a.c.encode()
    return open(a.file, "rb").read()


def cmd_send(a):
    code = load_code(a)
    emu = Emulator(a.firmware).start()
    try:
        emu.enter_raw()
        emu.soft_reset()
        t = time.time()
        st, out, err = emu.exec_raw(code, a.chunk, a.gap, a.timeout)
        print("status %s after %.1f s\nstdout %r\nstderr %r" % (st, time.time() - t, out, err))
        if a.ctrlc:
            print("answer to Ctrl-C: %r" % emu.answers_ctrl_c())
    finally:
        emu.stop()


def cmd_lockup(a):
    code = load_code(a)
    locked = 0
    for i in range(a.times):
        emu = Emulator(a.firmware).start()
        emu.enter_raw()
        emu.soft_reset()
        st, out, err = emu.exec_raw(code, a.chunk, a.gap, a.timeout)
        silent = st in ("timeout", "no-OK")
        reply = emu.answers_ctrl_c() + emu.answers_ctrl_c(1) if silent else b"(not probed)"
        emu.restart()
        ok = emu.alive()
        emu.stop()
        is_locked = silent and reply == b""
        locked += is_locked
        print("attempt %d: status %s, output %r, answer to Ctrl-C x2 %r, "
              "restarted QEMU answers print(1): %s -> %s"
              % (i + 1, st, out + err, reply, ok, "LOCKED" if is_locked else "not locked"))
    print("locked %d of %d" % (locked, a.times))


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--firmware", default=FIRMWARE)
    p.add_argument("--timeout", type=float, default=10,
                   help="seconds of silence that count as no answer (default 10)")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sweep")
    s.add_argument("files", nargs="+")
    s.add_argument("--chunks", default="16,32,48,64,128")
    s.add_argument("--gaps", default="0,1,2,4,10")
    s.add_argument("--reps", type=int, default=3)
    s.add_argument("--ref", default="8:20", help="reference CHUNK:GAP_MS")
    s.add_argument("--json")
    s = sub.add_parser("table")
    s.add_argument("jsons", nargs="+")
    for name in ("send", "lockup"):
        s = sub.add_parser(name)
        s.add_argument("file", nargs="?")
        s.add_argument("-c")
        s.add_argument("--chunk", type=int, default=16)
        s.add_argument("--gap", type=float, default=5)
        if name == "send":
            s.add_argument("--ctrlc", action="store_true")
        else:
            s.add_argument("--times", type=int, default=3)
    a = p.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    {"sweep": cmd_sweep, "send": cmd_send, "lockup": cmd_lockup,
     "table": cmd_table}[a.cmd](a)


if __name__ == "__main__":
    main()
