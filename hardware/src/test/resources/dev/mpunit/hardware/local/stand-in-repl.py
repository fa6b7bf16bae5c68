"""A REPL standing in for MicroPython's on a terminal, for testing how REPL tests are typed into one.

Like MicroPython's, it puts its terminal in raw mode and echoes what it reads itself, so that
the transcript's order does not depend on timing; while it runs a command ("spin") it turns the
terminal's signals back on, so a Ctrl-C typed then is a SIGINT if the terminal is its controlling
one (with the argument "slow-spin" it turns them on late, as on a loaded machine). "slow" runs a
command that answers after 0.3 s, with the terminal cooked meanwhile, as MicroPython's is while it
runs a line: what is typed then is echoed by the terminal itself. Its banner says how it was
started. Ctrl-D at the prompt ends it.
"""

import os
import sys
import termios
import time
import tty


def say(text, raw=True):
    # A raw terminal writes "\n" as it is; a cooked one makes it "\r\n" itself.
    os.write(1, (text.replace("\n", "\r\n") if raw else text).encode("latin-1"))


def controls_terminal():
    try:
        return os.tcgetpgrp(0) == os.getpgrp()
    except OSError:
        return False


def main():
    cooked = termios.tcgetattr(0)
    tty.setraw(0)
    say("stand-in REPL; args: %s; terminal: %s; controlling: %s\n>>> "
        % (" ".join(sys.argv[1:]), "yes" if os.isatty(0) else "no", "yes" if controls_terminal() else "no"))
    line = b""
    while True:
        byte = os.read(0, 1)
        if byte in (b"", b"\x04"):
            return
        if byte not in (b"\r", b"\n"):
            line += byte
            os.write(1, byte if byte >= b" " else b"^" + bytes([byte[0] + 64]))
            continue
        say("\n")
        if line == b"spin":
            if "slow-spin" in sys.argv[1:]:
                # A loaded machine: the command starts (and turns the signals on) late.
                time.sleep(0.3)
            termios.tcsetattr(0, termios.TCSANOW, cooked)
            try:
                say("spinning\n", raw=False)
                while True:
                    pass
            except KeyboardInterrupt:
                say("KeyboardInterrupt\n", raw=False)
            tty.setraw(0)
        elif line == b"slow":
            # A command that takes longer than 20 ms of quiet: a loaded machine.
            termios.tcsetattr(0, termios.TCSANOW, cooked)
            time.sleep(0.3)
            say("slow done\n", raw=False)
            tty.setraw(0, termios.TCSANOW)
        else:
            say("typed %r\n" % line.decode("latin-1"))
        line = b""
        say(">>> ")


main()
