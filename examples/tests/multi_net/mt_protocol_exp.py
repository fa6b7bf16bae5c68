# The protocol of mt_protocol.py judged against an .exp file instead of CPython: the .exp holds
# the output exactly as the runner assembles it, one section per instance.


def instance0():
    multitest.globals(VALUES=[1, 2, 3])
    multitest.next()
    multitest.wait("sum")
    print("instance0 done")


def instance1():
    print("sum", sum(VALUES))
    multitest.next()
    multitest.broadcast("sum")
