# micropython.const: compile-time constants. A const whose name starts with
# an underscore is folded away and never stored in the module's globals.
from micropython import const

WIDTH = const(40)
_HEIGHT = const(WIDTH // 2)
_AREA = const(WIDTH * _HEIGHT)
MASK = const((1 << 4) - 1)
print(WIDTH, _HEIGHT, _AREA, MASK)
print("WIDTH" in globals(), "_HEIGHT" in globals(), "_AREA" in globals())


def area_plus(n):
    return _AREA + n


print(area_plus(1))
print(const(123) == 123)
