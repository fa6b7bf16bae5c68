"""Types a REPL test into a command's terminal and prints the terminal's transcript.

run-tests.py runs the unix port's cmdline/repl_* tests this way: the interpreter gets a pty (line
editing needs a terminal), the banner is awaited, then each line of the test file is written to
the terminal and what the terminal answers is collected until it has been quiet for 20 ms. In a
line, {\\xNN} stands for the control byte 0xNN (two decimal digits, read as hex, as upstream reads
them). A test whose header has a "# sigint:" line gets the pty as its controlling terminal, so that
a line holding {\\x03} makes the terminal driver raise SIGINT (once the command has the terminal's
signals on); the answer to it is awaited. At the
end Ctrl-D leaves the REPL (its answer is not part of the transcript) and the command is killed.

The transcript goes to stdout as it arrives, so that whoever stops this at a timeout keeps what
came so far. Without a pty module (Windows) the transcript is "SKIP", as upstream's is.

Usage: python3 repl-pty.py [--sigint] TEST_FILE COMMAND [ARGUMENT...]
"""

import os
import re
import select
import subprocess
import sys

QUIET = 0.02
CONTROL = re.compile(rb"{\\x(\d\d)}")


def answer(master, out, wait_for_some):
    """What the terminal says until it is quiet; first waits for a byte when wait_for_some."""
    said = b""
    while True:
        readable, _, _ = select.select([master], [], [], QUIET)
        if readable:
            try:
                chunk = os.read(master, 1024)
            except OSError:  # EIO: the command is gone and the pty closed
                chunk = b""
            if not chunk:
                return said
            said += chunk
            if out is not None:
                out.write(chunk)
                out.flush()
        elif said or not wait_for_some:
            return said


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
                answer(master, out, True)  # the banner
                for line in lines:
                    if sigint and b"{\\x03}" in line:
                        await_signals(master, slave, out)
                        os.write(master, b"\x03")
                        answer(master, out, True)
                    else:
                        os.write(master, CONTROL.sub(lambda m: bytes([int(m.group(1), 16)]), line))
                        answer(master, out, False)
                os.write(master, b"\x04")
                answer(master, None, False)
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
