# micropython.heap_lock: while locked, any heap allocation raises
# MemoryError. Locks nest; heap_unlock() returns the remaining depth.
import micropython


def try_alloc():
    micropython.heap_lock()
    try:
        [1, 2, 3]
        result = "allocated"
    except MemoryError:
        result = "MemoryError"
    micropython.heap_unlock()
    return result


print(try_alloc())
print("unlocked:", len([0] * 8))

print(micropython.heap_lock())
micropython.heap_lock()
print(micropython.heap_unlock())
print(micropython.heap_unlock())



# arithmetic on small ints does not allocate, so it works under the lock
def sum_locked(n):
    micropython.heap_lock()
    total = 0
    i = 0
    while i < n:
        total += i
        i += 1
    micropython.heap_unlock()
    return total


print(sum_locked(10))
