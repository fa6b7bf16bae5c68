# set algebra (gated by run-tests.py's set feature check); sets are
# printed sorted because iteration order is an implementation detail
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union([9])), sorted(a.intersection(b)), sorted(a.difference(b)))
print({1, 2} <= a, {1, 9} <= a, a >= {1}, a.isdisjoint({7, 8}))
s = set()
for ch in "mississippi":
    s.add(ch)
print(sorted(s), len(s))
s.discard("z")
s.remove("m")
print(sorted(s))
try:
    s.remove("z")
except KeyError:
    print("KeyError")
print(3 in a, 9 in a, {x % 3 for x in range(10)} == {0, 1, 2})
c = a.copy()
c.update(b)
c.difference_update({1})
print(sorted(c), sorted(a))
print(sorted(set([3, 1, 3, 2, 1])))
print(len(frozenset("aabbc")), frozenset([1, 2]) == {2, 1})
