# array: typed arrays, their repr, and conversion to and from bytes
from array import array

a = array("i", [1, -2, 3])
a.append(4)
a.extend([5, 6])
print(a, len(a), a[1], a[-1], sum(a))
a[0] = 100
print(list(a), list(a[1:3]))
b = array("B", [0, 127, 255])
print(b, bytes(b), array("B", b"AB"))
h = array("h", [-1, 2])
print(h, len(bytes(h)))
f = array("f", [0.5, 1.25])
print(f, f[1] * 2)
print(array("b"), array("I", range(3)))
