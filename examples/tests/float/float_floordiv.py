# floor division and modulo on floats follow the sign of the divisor
for x, y in ((7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-7.5, -2.0), (6.0, 1.5), (0.0, 3.0)):
    print(x, y, x // y, x % y)
print(5 % 0.5, 5.25 % 1, -0.25 % 1)
try:
    1.0 // 0.0
except ZeroDivisionError:
    print("ZeroDivisionError //")
try:
    1.0 % 0.0
except ZeroDivisionError:
    print("ZeroDivisionError %")
