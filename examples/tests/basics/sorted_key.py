# sorting with key functions and reverse order; MicroPython's sort is not
# stable, so every key used here is unique (or ties are broken explicitly)
words = ["pear", "Fig", "apple", "pomegranate", "banana", "cherries"]
print(sorted(words))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=len, reverse=True))
records = [("bob", 3), ("ann", 1), ("cat", 3), ("dan", 2), ("eve", 1)]
print(sorted(records, key=lambda r: (r[1], r[0])))
records.sort(key=lambda r: (-r[1], r[0]))
print(records)
print(min(words, key=len), max(words, key=len))
print(sorted([3, -1, 2], key=abs), sorted("hello"), sorted({3: 0, 1: 0}))
print(list(reversed([1, 2, 3])), sorted([]), sorted((2, 1)))
