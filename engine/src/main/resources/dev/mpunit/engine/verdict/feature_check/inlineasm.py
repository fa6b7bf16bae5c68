# mpunit feature check: which inline assembler the target has and which of
# its optional instruction groups compile, printed comma separated
# ("thumb,vfp,thumb2", "rv32,zba", ...), or nothing at all without one.
import sys


def compiles(source):
    try:
        exec(source)
        return True
    except SyntaxError:
        return False


def probe():
    kind = (getattr(sys.implementation, "_mpy", 0) >> 10) & 15
    found = []
    if 3 <= kind <= 8:
        found.append("thumb")
        if kind >= 7:
            found.append("vfp")
        base = "@micropython.asm_thumb\ndef f():\n    add(r0, r0, r0)\n"
        extras = (("thumb2", "@micropython.asm_thumb\ndef f():\n    it(eq)\n    nop()\n"),)
    elif 9 <= kind <= 10:
        found.append("xtensa")
        if kind == 10:
            found.append("windowed")
        base = "@micropython.asm_xtensa\ndef f():\n    add(a0, a0, a0)\n"
        extras = ()
    elif kind == 11:
        found.append("rv32")
        base = "@micropython.asm_rv32\ndef f():\n    add(a0, a0, a0)\n"
        extras = (
            ("zba", "@micropython.asm_rv32\ndef f():\n    sh1add(a0, a0, a0)\n"),
            ("zcmp", "@micropython.asm_rv32\ndef f():\n    cm_mva01s(s0, s1)\n"),
        )
    else:
        return found
    if not compiles(base):
        return []
    for name, source in extras:
        if compiles(source):
            found.append(name)
    return found


fields = probe()
if fields:
    print(",".join(fields))
