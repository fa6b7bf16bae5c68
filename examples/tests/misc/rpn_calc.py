# a small reverse-Polish calculator with error handling
OPS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a // b,
}


def rpn(expr):
    stack = []
    for tok in expr.split():
        if tok in OPS:
            if len(stack) < 2:
                raise ValueError("stack underflow at " + tok)
            b = stack.pop()
            a = stack.pop()
            stack.append(OPS[tok](a, b))
        else:
            stack.append(int(tok))
    if len(stack) != 1:
        raise ValueError("leftover values: %d" % len(stack))
    return stack[0]


for e in ("3 4 +", "5 1 2 + 4 * + 3 -", "2 3 4 * *", "7 2 /", "1 +", "1 2", "4 0 /"):
    try:
        print(e, "=", rpn(e))
    except ValueError as err:
        print(e, "->", err)
    except ZeroDivisionError:
        print(e, "-> division by zero")
