# Before NEXT, only SET (from multitest.globals), NEXT and SKIP are protocol: a broadcast or a
# metric printed while the instance is being started is plain output, and a SET printed after
# NEXT is plain output too.


def instance0():
    multitest.broadcast("early")
    multitest.output_metric("early metric")
    multitest.next()
    multitest.globals(LATE=3)


def instance1():
    print("LATE" in globals())
    multitest.next()
    print("instance1 end")
