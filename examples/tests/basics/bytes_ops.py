# bytes: literals, indexing gives ints, conversions and methods
b = b"hello world"
print(b, len(b), b[0], b[-1], b[:5])
print(b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b"wor" in b)
print(b.split(), b.replace(b"l", b"L"), b.upper())
print(b.startswith(b"he"), b.endswith(b"ld"))
print(bytes(3), bytes([65, 66, 67]), bytes(range(4)))
print(b"\x00\xff\n\t", b"\\", b"'", b'"')
print(b"abc".decode(), "abc".encode(), str(b"xy", "ascii"))
print(b"-".join([b"a", b"b"]), b"ab" + b"cd", b"ab" * 2)
print(list(b"AZ"), b"abc" == b"abc", b"abc" < b"abd")
print(bytes(b"copy"), bytes("text", "utf-8"))
print(b" pad ".strip(), b"x".isalpha() if hasattr(b"x", "isalpha") else True)
try:
    b[0] = 1
except TypeError:
    print("TypeError")
