# f-strings (gated by run-tests.py's fstring feature check)
name = "Ada"
n = 3
pi = 3.14159
print(f"hello {name}")
print(f"{n} + {n} = {n + n}")
print(f"{name!r} {name:>6}| {name:<6}|")
print(f"{n:04d} {255:x} {255:#x} {n:b}")
print(f"{pi:.2f} {pi * 2:8.3f}|")
print(f"{'nested'}" f" and {[i for i in range(n)]}")
print(f"{{braces}} {len(name)}")
items = {"k": 42}
print(f"value={items['k']}")
