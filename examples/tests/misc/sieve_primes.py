# Sieve of Eratosthenes over a bytearray (1 marks a composite number)


def primes_below(n):
    composite = bytearray(n)
    i = 2
    while i * i < n:
        if not composite[i]:
            for j in range(i * i, n, i):
                composite[j] = 1
        i += 1
    return [k for k in range(2, n) if not composite[k]]


p = primes_below(1000)
print(p[:15])
print(len(p), p[-1], sum(p))
