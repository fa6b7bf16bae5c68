# multitest.skip() only skips while the instances are being started: once all run, SKIP is an
# ordinary line of output (run-multitests.py reads it that way too).


def instance0():
    multitest.next()
    multitest.wait("ready")
    multitest.skip()


def instance1():
    multitest.next()
    print("instance1 running")
    multitest.broadcast("ready")
