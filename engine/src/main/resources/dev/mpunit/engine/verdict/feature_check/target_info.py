# mpunit feature check: describe the target in one line of eight fields,
#   platform arch arch_flags build thread float_prec unicode error_reporting
# in the order MicroPython's run-tests.py reads them, so that this script and
# a test tree's own feature_check/target_info.py are interchangeable.
import sys

impl = sys.implementation
mpy_word = getattr(impl, "_mpy", 0)

# The native architecture lives in bits 10..13 of sys.implementation._mpy; the
# names are those mpy-cross accepts for -march (None: no native code).
arch_names = (None, "x86", "x64", "armv6", "armv6m", "armv7m", "armv7em")
arch_names += ("armv7emsp", "armv7emdp", "xtensa", "xtensawin", "rv32imc", "rv64imc")
arch = arch_names[(mpy_word >> 10) & 15]


def float_bits():
    # Precision is told apart by what parsing decimal strings gives: a 30-bit
    # float cannot hold 1 + 1e-7, a 32-bit float overflows at 1e300.
    try:
        one = float("1")
    except NameError:
        return 0
    if float("1.0000001") == one:
        return 30
    if float("1e300") == float("inf"):
        return 32
    return 64


def error_level():
    # The error-reporting level shows in how long the message of a call with
    # a surplus argument is; any other length is unknown and must fail loudly.
    levels = {0: "none", 27: "terse", 54: "normal", 56: "detailed"}
    try:
        (lambda: None)(1)
    except TypeError as e:
        text = e.args[0] if e.args else ""
        return levels[len(text or "")]


print(
    getattr(sys, "platform", "minimal"),
    arch,
    mpy_word >> 16,
    getattr(impl, "_build", "unknown"),
    getattr(impl, "_thread", None),
    float_bits(),
    len("ä") == 1,
    error_level(),
)
