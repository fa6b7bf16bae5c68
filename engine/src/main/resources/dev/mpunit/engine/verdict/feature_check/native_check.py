# mpunit feature check: prints "native" when the native code emitter works.
@micropython.native
def emitted():
    return "native"


print(emitted())
