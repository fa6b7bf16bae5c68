# Calls a small function with positional and keyword arguments in a loop: the cost of a call.
# The result is None, so no truth is checked (as run-perfbench.py does for such benchmarks).
bm_params = {
    (10, 10): 2000,
    (100, 10): 20000,
    (1000, 10): 200000,
}


def add(a, b, c=0):
    return a + b + c


def bm_setup(count):
    def run():
        total = 0
        for i in range(count):
            total = add(total, i, c=1)

    def result():
        return count, None

    return run, result
