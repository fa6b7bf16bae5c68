# arbitrary-precision integers (gated by run-tests.py's int_big feature check)


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


print(factorial(30))
print(2 ** 100, 2 ** 100 - 1)
big = factorial(25)
print(big // 12345678901, big % 12345678901)
print(-big // 7, -big % 7)
print(big == factorial(25), big > 2 ** 80, big < 2 ** 90)
print(int("123456789012345678901234567890") + 1)
print(hex(2 ** 70), 3 ** 50 % 1000003)
print((1 << 100) >> 98, (2 ** 64) & 0xFFFF, (2 ** 64 - 1) & 0xFFFF)
