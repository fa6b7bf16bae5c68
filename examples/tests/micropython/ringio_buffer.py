# micropython.RingIO: a fixed-size byte ring buffer with a stream interface
import micropython

try:
    micropython.RingIO
except AttributeError:
    print("SKIP")
    raise SystemExit

r = micropython.RingIO(16)
print(r.any())
print(r.write(b"first\nsecond\n"))
print(r.any())
print(r.readline())
print(r.read(3))
print(r.any())
print(r.read())
print(r.any())
# the ring wraps around; only the free space is written
print(r.write(b"0123456789ABCDEFGHIJ"))
print(r.read())
