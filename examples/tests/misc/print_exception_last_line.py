# sys.print_exception (MicroPython's traceback printer) into a StringIO;
# only lines that do not depend on file paths or line numbers are printed
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
    print(lines[0])
    print(lines[-2])
    print(len([l for l in lines if l.startswith("  File ")]) >= 1)
    print(buf.getvalue().endswith("\n"))
