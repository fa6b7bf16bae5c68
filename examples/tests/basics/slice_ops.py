# slicing: steps, negative indices, slice assignment and deletion
# (gated by run-tests.py's slice feature check). Steps other than 1 are
# only used to read lists: str, bytes and tuple slices, extended slice
# assignment and slice() objects are optional in small builds.
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7])
print(a[::2], a[1::3], a[::-1], a[8:2:-2])
print(a[100:], a[-100:2], a[5:2])
s = "abcdefgh"
print(s[1:4], s[-2:], s[:-5], s[3:100])
print(b"bytes"[1:3], (1, 2, 3, 4)[1:3])
b = a[:]
b[2:5] = ["x"]
print(b)
b[:0] = [-1, -2]
print(b)
del b[1:3]
print(b)
b[len(b):] = [10, 11]
print(b, b is not a, a == list(range(10)))
