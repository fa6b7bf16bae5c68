# deflate (MicroPython-specific, so judged by the .exp file): checks that
# the module is present and then runs; on builds without it, SKIP
try:
    import deflate
    import io
except ImportError:
    print("SKIP")
    raise SystemExit

data = b"MicroPython MicroPython MicroPython!\n" * 3

# zlib stream produced by CPython's zlib.compress(data)
stream = b'x\x9c\xf3\xcdL.\xca\x0f\xa8,\xc9\xc8\xcfS\xf0\xc5\xceV\xe4\xc2!A\x86"\x004\x11)\x9e'
with deflate.DeflateIO(io.BytesIO(stream), deflate.ZLIB) as d:
    print(d.read() == data)
with deflate.DeflateIO(io.BytesIO(stream), deflate.AUTO) as d:
    print(d.read(11))

# compression is optional even where decompression exists (without it,
# DeflateIO has no write method): print the same line either way
if hasattr(deflate.DeflateIO, "write"):
    buf = io.BytesIO()
    with deflate.DeflateIO(buf, deflate.RAW) as d:
        d.write(data)
    compressed = buf.getvalue()
    with deflate.DeflateIO(io.BytesIO(compressed), deflate.RAW) as d:
        print(d.read() == data, len(compressed) < len(data))
else:
    print(True, True)

try:
    with deflate.DeflateIO(io.BytesIO(b"not compressed"), deflate.ZLIB) as d:
        d.read()
except OSError:
    print("OSError for bad data")
