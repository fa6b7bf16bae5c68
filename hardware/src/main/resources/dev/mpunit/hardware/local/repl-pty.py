"""Types a REPL test into a command's terminal and prints the terminal's transcript.

run-tests.py runs the unix port's cmdline/repl_* tests this way: the interpreter gets a pty (line
editing needs a terminal), the banner is awaited, then each line of the test file is written to
the terminal and what the terminal answers is collected until it has been quiet for 20 ms. In a
line, {\\xNN} stands for the control byte 0xNN (two decimal digits, read as hex, as upstream reads
them).

A test whose header has a "# sigint:" line gets the pty as its controlling terminal, so that a line
holding {\\x03} makes the terminal driver raise SIGINT (once the command has the terminal's signals
on); the answer to it is awaited. At the end Ctrl-D leaves the REPL (its answer is not part of the
transcript) and the command is killed.

20 ms of quiet is not the end of an answer on a loaded machine: the next line then arrives while
the interpreter still runs the last one, with the terminal's own echo on, and the transcript
differs (a repl_* file failed now and then with 2 tests at once on 2 cores and other work on the
machine, several per run with 8 at once). So on Linux the next line waits until the interpreter is back at its
input: it has read every byte of the line (rchar of /proc/<pid>/io), is blocked in read() on its
stdin (/proc/<pid>/syscall) and nothing typed is left unread (FIONREAD). Its answer is then
complete: bytes still on their way through the terminal come first in the next one, and before
Ctrl-D the terminal is awaited until 20 ms of quiet. The transcript is the one upstream gets when
its timing holds. Where this cannot be seen (another system, an unknown architecture, /proc not
readable) it is upstream's 20 ms alone; a line the interpreter does not come back from within
10 s is followed by the next one anyway.

The transcript goes to stdout as it arrives, so that whoever stops this at a timeout keeps what
came so far. Without a pty module (Windows) the transcript is "SKIP", as upstream's is.

Usage: python3 repl-pty.py [--sigint] TEST_FILE COMMAND [ARGUMENT...]
"""

import os
import re
import select
import subprocess
import sys
import time

QUIET = 0.02
CONTROL = re.compile(rb"{\\x(\d\d)}")
# How long the interpreter may take to come back to its input after a line before the next one is
# typed anyway, as upstream would have typed it.
SETTLE_LIMIT = 10.0
# The number of the read system call, by machine (/proc/<pid>/syscall shows it first).
READ_SYSCALL = {"x86_64": 0, "amd64": 0, "aarch64": 63, "arm64": 63, "riscv64": 63, "loongarch64": 63,
                "i386": 3, "i686": 3, "armv7l": 3, "armv6l": 3, "ppc64le": 3, "ppc64": 3, "s390x": 3}


def take(master, out):
    """One read of what the terminal says, passed on to out; b"" when the command is gone."""
    try:
        chunk = os.read(master, 1024)
    except OSError:  # EIO: the command is gone and the pty closed
        return b""
    if chunk and out is not None:
        out.write(chunk)
        out.flush()
    return chunk


def answer(master, out, wait_for_some):
    """What the terminal says until it is quiet; first waits for a byte when wait_for_some."""
    said = b""
    while True:
        readable, _, _ = select.select([master], [], [], QUIET)
        if readable:
            chunk = take(master, out)
            if not chunk:
                return said
            said += chunk
        elif said or not wait_for_some:
            return said


def bytes_read(pid):
    """How many bytes the command has read so far (rchar of /proc/<pid>/io), None when not readable."""
    try:
        with open("/proc/%d/io" % pid, "rb") as f:
            for line in f:
                if line.startswith(b"rchar:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def waiting_for_input(pid, slave):
    """Whether the command is blocked reading its stdin with nothing typed left unread; None when
    this cannot be seen here."""
    number = READ_SYSCALL.get(os.uname().machine.lower())
    if number is None:
        return None
    try:
        with open("/proc/%d/syscall" % pid, "rb") as f:
            fields = f.read().split()
        import array
        import fcntl
        import termios

        unread = array.array("i", [0])
        fcntl.ioctl(slave, termios.FIONREAD, unread, True)
    except OSError:
        return None
    if not fields or fields[0] in (b"running", b"-1"):
        return False
    try:
        return int(fields[0]) == number and int(fields[1], 16) == 0 and unread[0] == 0
    except (IndexError, ValueError):
        return None


def type_line(master, slave, child, out, line):
    """Types a line and collects the answer until the command is back at its input (or has ended)."""
    before = bytes_read(child.pid)
    os.write(master, line)
    settle(master, slave, child, out, None if before is None else before + len(line), False)


def settle(master, slave, child, out, taken_at, wait_for_some):
    """Collects the terminal's answer until the command is back at its input; where that cannot be
    seen (or it does not come back), until the terminal is quiet, as upstream does.

    taken_at: how many bytes the command has read once it took the line just typed (None: no line,
    or not known). Until then a command blocked in read() has not been woken by it yet.
    wait_for_some: whether an answer must come (the banner), as for answer().
    """
    said = False
    deadline = time.monotonic() + SETTLE_LIMIT
    while time.monotonic() < deadline and child.poll() is None:
        waiting = waiting_for_input(child.pid, slave)
        read = bytes_read(child.pid) if taken_at is not None else 0
        if waiting is None or read is None:
            break
        if waiting and (taken_at is None or read >= taken_at):
            # Back at its input, it prints nothing more until it is typed to. What it printed may
            # still be on its way through the terminal: it comes with the next answer, in order.
            said = drain(master, out) or said
            if wait_for_some and not said:
                answer(master, out, True)
            return
        said = drain(master, out, 0.002) or said
    answer(master, out, wait_for_some and not said and child.poll() is None)


def drain(master, out, wait=0.0):
    """What the terminal holds now (waiting up to `wait` for a first byte); whether there was any."""
    said = False
    while True:
        readable, _, _ = select.select([master], [], [], wait)
        if not readable or not take(master, out):
            return said
        said = True
        wait = 0.0


def await_signals(master, slave, out, limit=5.0):
    """Waits (boundedly) until the command has its terminal's signals on.

    MicroPython turns them off at its prompt and on while it runs a command, so a Ctrl-C is a
    SIGINT only then. On a loaded machine the line before the Ctrl-C may still be on its way after
    20 ms of quiet; written then, the Ctrl-C is a plain byte in the input and the command runs on.
    The transcript keeps flowing meanwhile.
    """
    import termios
    import time

    deadline = time.monotonic() + limit
    while not termios.tcgetattr(slave)[3] & termios.ISIG and time.monotonic() < deadline:
        answer(master, out, False)


def controlling_terminal():
    import fcntl
    import termios

    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    os.tcsetpgrp(0, os.getpid())


def main(argv):
    sigint = argv[:1] == ["--sigint"]
    if sigint:
        argv = argv[1:]
    test_file, command = argv[0], argv[1:]
    out = sys.stdout.buffer
    try:
        import pty
    except ImportError:
        pty = None
    if pty is None or sys.platform in ("win32", "msys", "cygwin"):
        out.write(b"SKIP\n")
        return 0
    with open(test_file, "rb") as lines:
        master, slave = pty.openpty()
        try:
            child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=subprocess.STDOUT, bufsize=0,
                                     preexec_fn=controlling_terminal if sigint else None)
            try:
                lines = lines.readlines()
                settle(master, slave, child, out, None, True)  # the banner
                for number, line in enumerate(lines):
                    if sigint and b"{\\x03}" in line:
                        await_signals(master, slave, out)
                        os.write(master, b"\x03")
                        answer(master, out, True)
                        continue
                    line = CONTROL.sub(lambda m: bytes([int(m.group(1), 16)]), line)
                    if sigint and number + 1 < len(lines) and b"{\\x03}" in lines[number + 1]:
                        # The line starts what the Ctrl-C interrupts: it does not come back to its input.
                        os.write(master, line)
                        answer(master, out, False)
                    else:
                        type_line(master, slave, child, out, line)
                answer(master, out, False)  # the last answer's bytes still on their way
                type_line(master, slave, child, None, b"\x04")
            finally:
                try:
                    child.kill()
                except ProcessLookupError:
                    pass
                child.wait()
        finally:
            os.close(master)
            os.close(slave)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
