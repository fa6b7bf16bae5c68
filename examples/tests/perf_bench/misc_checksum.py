# A Fletcher-16 checksum of a generated 4000-byte buffer, computed several times over. Its value
# does not depend on N and M, so it is written down in misc_checksum.py.exp.
bm_params = {
    (10, 10): 1,
    (100, 20): 5,
    (1000, 100): 25,
}


def bm_setup(repeats):
    data = bytes((i * 7 + 3) & 0xFF for i in range(4000))
    state = {"sum": 0}

    def run():
        for _ in range(repeats):
            a = b = 0
            for x in data:
                a = (a + x) % 255
                b = (b + a) % 255
            state["sum"] = (b << 8) | a

    def result():
        return repeats * len(data), "%04x" % state["sum"]

    return run, result
