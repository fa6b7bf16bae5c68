# recursion with and without memoisation


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


memo = {}


def fib_memo(n):
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib_memo(n - 1) + fib_memo(n - 2)
    return memo[n]


print([fib(n) for n in range(15)])
print(fib_memo(40), len(memo))


def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)


print(gcd(1071, 462), gcd(17, 5), gcd(0, 9))
