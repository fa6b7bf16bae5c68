# Counts the primes below a limit with a sieve of Eratosthenes, several times over.
# The result is checked against CPython's run of the same script.
bm_params = {
    (10, 10): (2, 2000),
    (100, 20): (10, 5000),
    (1000, 100): (40, 20000),
}


def bm_setup(params):
    repeats, limit = params
    state = {"count": 0}

    def run():
        for _ in range(repeats):
            sieve = bytearray(b"\x01" * limit)
            sieve[0] = sieve[1] = 0
            i = 2
            while i * i < limit:
                if sieve[i]:
                    for j in range(i * i, limit, i):
                        sieve[j] = 0
                i += 1
            state["count"] = sum(sieve)

    def result():
        return repeats * limit, state["count"]

    return run, result
