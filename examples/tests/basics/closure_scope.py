# closures, nonlocal and global


def make_counter(start):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


c1 = make_counter(0)
c2 = make_counter(100)
print(c1(), c1(), c2(5), c1(10), c2())

adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])

late = [lambda: n for n in range(3)]
print([f() for f in late])

total = 0


def add_to_total(x):
    global total
    total += x


for i in range(4):
    add_to_total(i)
print(total)


def outer():
    x = "outer"

    def middle():
        def inner():
            return x

        return inner()

    return middle()


print(outer())


def compose(f, g):
    return lambda x: f(g(x))


double_then_inc = compose(lambda x: x + 1, lambda x: x * 2)
print(double_then_inc(5))
