# tuples and unpacking: star targets, nesting, swapping, zip/enumerate
t = (1, "two", 3.0)
print(t, len(t), t[1], t[-1], t.index("two"), t.count(1))
a, b, c = t
print(a, b, c)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abc"
print(init, last)
head, *middle, tail = range(6)
print(head, middle, tail)
(x, y), z = (1, 2), 3
print(x, y, z)
x, y = y, x
print(x, y)
for i, (name, score) in enumerate([("ann", 9), ("bob", 7)]):
    print(i, name, score)
print(list(zip("ab", [1, 2, 3])))
print(tuple([1, 2]) + (3,), (1,) * 3, () == tuple())
print((1, 2) < (1, 3), (2,) > (1, 9), max([(1, "b"), (1, "c"), (0, "z")]))


def pair():
    return "left", "right"


l, r = pair()
print(l, r)
