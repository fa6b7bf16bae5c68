# the native code emitter. run-tests.py's native_check feature check skips
# every native_* and viper_* test on targets without it (webassembly).
import micropython


@micropython.native
def native_sum(n):
    total = 0
    for i in range(n):
        total += i
    return total


@micropython.native
def native_join(parts):
    return "-".join(parts)


print(native_sum(10), native_sum(0))
print(native_join(["a", "b", "c"]))
