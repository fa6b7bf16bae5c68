# exceptions: order of try/except/else/finally, custom classes, re-raise


class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key):
        super().__init__("not found: " + key)
        self.key = key


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise NotFound(key)


def trace(value):
    steps = []
    try:
        steps.append("try")
        if value < 0:
            raise ValueError("negative")
        if value == 0:
            return steps + ["return"]
    except ValueError as e:
        steps.append("except " + str(e))
    else:
        steps.append("else")
    finally:
        steps.append("finally")
    return steps


print(trace(1))
print(trace(-1))
print(trace(0))

try:
    lookup({"a": 1}, "b")
except AppError as e:
    print(type(e).__name__, e.key, e.args)

for exc in (ValueError, TypeError, ZeroDivisionError):
    try:
        try:
            raise exc("inner")
        except (ValueError, TypeError) as e:
            print("handled", type(e).__name__)
            raise e
    except Exception as e:
        print("outer", type(e).__name__, e.args[0])

try:
    1 // 0
except ZeroDivisionError:
    print("ZeroDivisionError")

try:
    int("x")
except ValueError:
    print("ValueError from int")


def counter():
    n = 0
    for i in range(5):
        try:
            if i == 3:
                break
            continue
        finally:
            n += 1
    return n


print(counter())
print(issubclass(NotFound, Exception), isinstance(NotFound("k"), AppError))
