# conversions and comparisons between ints and floats
print(float(7), float(-3), int(7.99), int(-7.99), int(1e15))
print(2 ** 53 == float(2 ** 53), 1 == 1.0, 2 < 2.5 < 3, -1 > -1.5)
print(10 / 4, 10 // 4, 10.0 // 4, 10 % 4.0, -10 // 4.0)
print(3 * 1.5, 1 + 0.5, 2 ** -1, 4 ** 0.5, (-8) ** 2.0)
print(abs(-2.5), max(1, 2.5), min(-1, -0.5), sum([0.5, 0.25, 0.125]))
print(divmod(7.5, 2), divmod(-7.5, 2))
print((0.5).is_integer() if hasattr(0.5, "is_integer") else False)
for v in (float("inf"), float("nan")):
    try:
        int(v)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__)
try:
    1.0 / 0
except ZeroDivisionError:
    print("ZeroDivisionError")
print(bool(0.0), bool(-0.0), bool(0.1))
