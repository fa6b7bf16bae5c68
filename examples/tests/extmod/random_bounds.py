# random: only properties that hold for any generator are printed, so the
# output is the same under CPython and MicroPython
import random

random.seed(42)
print(all(0 <= random.getrandbits(8) < 256 for _ in range(100)))
print(all(1 <= random.randint(1, 6) <= 6 for _ in range(100)))
print(all(random.randrange(10, 20, 2) in (10, 12, 14, 16, 18) for _ in range(100)))
print(all(0.0 <= random.random() < 1.0 for _ in range(100)))
print(all(2.0 <= random.uniform(2.0, 3.0) <= 3.0 for _ in range(100)))
print(all(random.choice("abc") in "abc" for _ in range(100)))
random.seed(7)
first = [random.getrandbits(16) for _ in range(5)]
random.seed(7)
print(first == [random.getrandbits(16) for _ in range(5)])
try:
    random.choice([])
except IndexError:
    print("IndexError")
