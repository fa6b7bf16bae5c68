# hashlib.sha256 (hex via binascii: MicroPython has no hexdigest())
import binascii
import hashlib

print(binascii.hexlify(hashlib.sha256(b"").digest()))
print(binascii.hexlify(hashlib.sha256(b"abc").digest()))
h = hashlib.sha256()
h.update(b"a")
h.update(b"bc")
# digest() finalises the hash object in MicroPython: call it only once
d = h.digest()
print(d == hashlib.sha256(b"abc").digest(), len(d))
print(binascii.hexlify(hashlib.sha256(b"x" * 1000).digest()))
