# The whole multitest protocol without a network: globals handed to the instance started
# later, NEXT to start the next instance, broadcasts both ways (each waited for by the other
# instance), and a metric. No .exp: the expected output is the same test run on CPython.


def instance0():
    multitest.globals(GREETING="hello", COUNT=3)
    print("instance0 ready")
    multitest.next()
    multitest.broadcast("go")
    multitest.wait("done")
    multitest.output_metric("rounds 1")
    print("instance0 saw done")


def instance1():
    print("instance1 got", GREETING, COUNT)
    multitest.next()
    multitest.wait("go")
    print("instance1 saw go")
    multitest.broadcast("done")
