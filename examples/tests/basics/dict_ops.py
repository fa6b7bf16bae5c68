# dict operations; keys are sorted before printing because MicroPython
# does not promise CPython's insertion order for every dict
d = {"one": 1, "two": 2}
d["three"] = 3
print(len(d), d["two"], d.get("four"), d.get("four", 4))
print(sorted(d.keys()))
print(sorted(d.values()))
print(sorted(d.items()))
print("one" in d, "zero" in d)

d.update({"four": 4, "one": 10})
print(sorted(d.items()))
print(d.pop("four"), d.pop("nothing", None), len(d))
print(d.setdefault("two", 0), d.setdefault("five", 5))
print(sorted(d.items()))

counts = {}
for word in "the cat and the hat and the bat".split():
    counts[word] = counts.get(word, 0) + 1
print(sorted(counts.items()))

squares = {n: n * n for n in range(5)}
print(sorted(squares.items()))
print(dict([(1, "a"), (2, "b")]) == {2: "b", 1: "a"})
print(sorted(dict(x=1, y=2).items()))

try:
    d["missing"]
except KeyError as e:
    print("KeyError", e.args)

del d["five"]
d.clear()
print(d, len(d))
