# The infra Pico of a simulated tentacle (SimulatedUsb): MicroPython's raw REPL on a pty,
# answered by CPython, whose `machine` is a stand-in that records what the relays do.
# Usage: python3 simulated-infra.py <tentacle folder>. Prints the pty's path, then serves it.
import contextlib
import io
import os
import pty
import sys
import traceback
import tty
import types

folder = sys.argv[1]


def event(text):
    with open(os.path.join(folder, "events.log"), "a") as log:
        log.write(text + "\n")


class Pin:
    OUT = 1
    IN = 0

    def __init__(self, name, mode=-1):
        self.name = name
        self._value = 0

    def value(self, value=None):
        if value is None:
            return self._value
        value = 1 if value else 0
        if value != self._value:
            self._value = value
            if self.name.startswith("GPIO") and 1 <= int(self.name[4:]) <= 7:
                relay = int(self.name[4:])
                # The relay's state is what the simulated DUT sees when it is powered on.
                with open(os.path.join(folder, "relay%d" % relay), "w") as state:
                    state.write(str(value))
                event("relay %d %s" % (relay, "closed" if value else "open"))
        return None


machine = types.ModuleType("machine")
machine.Pin = Pin
sys.modules["machine"] = machine

master, slave = pty.openpty()
tty.setraw(slave)
print(os.ttyname(slave), flush=True)

scope = {"__name__": "__main__"}
raw = False
code = bytearray()


def send(data):
    os.write(master, data)


def run(source):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(source, "<stdin>", "exec"), scope)
        except Exception:
            err.write(traceback.format_exc())
    return out.getvalue().replace("\n", "\r\n").encode(), err.getvalue().replace("\n", "\r\n").encode()


while True:
    try:
        data = os.read(master, 4096)
    except OSError:
        data = b""
    if not data:
        break
    for byte in data:
        if byte == 0x03:
            code.clear()
        elif byte == 0x01:
            raw = True
            code.clear()
            send(b"raw REPL; CTRL-B to exit\r\n>")
        elif byte == 0x02:
            raw = False
            code.clear()
            send(b"\r\nMicroPython (simulated infra)\r\n>>> ")
        elif byte == 0x04 and raw:
            if not code.strip():
                send(b"OK\r\nsoft reboot\r\nraw REPL; CTRL-B to exit\r\n>")
                scope = {"__name__": "__main__"}
                continue
            source = code.decode()
            code.clear()
            send(b"OK")
            out, err = run(source)
            send(out + b"\x04" + err + b"\x04>")
        elif raw:
            code.append(byte)
