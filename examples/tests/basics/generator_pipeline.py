# generators: lazy pipelines, yield from, send() and return values


def numbers(n):
    for i in range(n):
        yield i


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def squared(src):
    for x in src:
        yield x * x


print(list(squared(evens(numbers(10)))))
print(sum(x for x in numbers(5)))


def chain(*iterables):
    for it in iterables:
        yield from it


print(list(chain([1, 2], (3,), "ab")))


def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            return total
        total += value


acc = accumulator()
print(next(acc))
print(acc.send(5), acc.send(10))
try:
    acc.send(None)
except StopIteration as e:
    print("returned", e.value)


def delegate():
    result = yield from accumulator()
    yield "inner returned %d" % result


d = delegate()
next(d)
d.send(1)
d.send(2)
print(d.send(None))

g = numbers(3)
print(next(g), next(g), next(g), next(g, "exhausted"))
