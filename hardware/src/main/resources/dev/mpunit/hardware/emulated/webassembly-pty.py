"""Serves a command's terminal on a pty of its own, the way QEMU's -serial pty does.

mpunit talks to boards through serial ports; the MicroPython webassembly REPL (node micropython.mjs)
only runs as a REPL on a terminal. This bridge runs the command on one pty, opens a second pty pair,
prints the second one's slave path as its FIRST line ("char device redirected to /dev/pts/N"), and
copies bytes both ways until the command ends. It then exits with the command's exit status, so
that whoever holds the second pty sees it close.

Usage: python3 webassembly-pty.py COMMAND [ARGUMENT...]
"""

import errno
import fcntl
import os
import select
import signal
import sys
import termios
import tty


def set_nonblocking(fd):
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)


def start(command):
    master, slave = os.openpty()
    # Raw before any byte can arrive, and before the fork, so no byte meets a cooked terminal:
    # no echo, no line editing, Ctrl-C and Ctrl-D are plain bytes (the raw REPL needs them, and a
    # Ctrl-C would otherwise interrupt the child), no \n -> \r\n translation on output.
    tty.setraw(slave)
    pid = os.fork()
    if pid == 0:
        try:
            os.close(master)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            if slave > 2:
                os.close(slave)
            os.execvp(command[0], command)
        except OSError as e:
            os.write(2, ("cannot run %s: %s\r\n" % (command[0], e)).encode())
        os._exit(127)
    os.close(slave)
    return pid, master


def read(fd):
    """Bytes from fd; b"" when the other side is gone (EIO is how a pty says that)."""
    try:
        return os.read(fd, 4096)
    except BlockingIOError:
        return None
    except OSError as e:
        if e.errno == errno.EIO:
            return b""
        raise


def flush(fd, data):
    """Writes what the command printed last, so that its final words reach the reader (if it reads)."""
    for _ in range(20):
        if not data:
            return
        try:
            data = data[os.write(fd, data):]
        except BlockingIOError:
            select.select([], [fd], [], 0.1)


def copy(child, served):
    # Writes never block: if one side is slow, its bytes wait here while the other side is still
    # read, so neither can stall the other (node writes its output synchronously).
    pending = {child: b"", served: b""}
    while True:
        writers = [fd for fd, data in pending.items() if data]
        readable, writable, _ = select.select([child, served], writers, [])
        for fd in writable:
            try:
                n = os.write(fd, pending[fd])
                pending[fd] = pending[fd][n:]
            except BlockingIOError:
                pass
        for fd in readable:
            data = read(fd)
            if data is None:
                continue
            if fd == child:
                if not data:
                    flush(served, pending[served])
                    return
                pending[served] += data
            elif data:
                pending[child] += data


def main(argv):
    if not argv:
        print("usage: webassembly-pty.py COMMAND [ARGUMENT...]", file=sys.stderr)
        return 2
    served, served_slave = os.openpty()
    # Kept open by us as well, so that the served pty lives on while nobody has it open yet.
    tty.setraw(served_slave)
    pid, child = start(argv)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        print("char device redirected to %s (label webassembly)" % os.ttyname(served_slave), flush=True)
        set_nonblocking(child)
        set_nonblocking(served)
        copy(child, served)
    finally:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
