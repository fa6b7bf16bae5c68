# sys.print_exception (MicroPython's traceback printer) into a StringIO.
# Only the last line is printed: the "File" lines name paths and line
# numbers, and code from the native emitter records no traceback at all.
import io
import sys


def fail(x):
    if x > 2:
        raise ValueError("x too big: %d" % x)
    return fail(x + 1)


try:
    fail(0)
except ValueError as e:
    buf = io.StringIO()
    sys.print_exception(e, buf)
    lines = buf.getvalue().split("\n")
    print(lines[-2])
    print(lines[-1] == "")
