# async/await without an event loop: a coroutine is driven by hand with
# send(None) (gated by run-tests.py's async feature check)


class Tick:
    def __init__(self, label):
        self.label = label

    def __await__(self):
        yield self.label

    # MicroPython's await uses __iter__ (a documented difference from CPython)
    __iter__ = __await__


async def child(x):
    await Tick("child %d" % x)
    return x * 10


async def parent():
    a = await child(1)
    b = await child(2)
    return a + b


coro = parent()
while True:
    try:
        print("yielded", coro.send(None))
    except StopIteration as e:
        print("result", e.value)
        break
