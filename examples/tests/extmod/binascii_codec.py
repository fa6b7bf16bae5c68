# binascii: hex and base64 codecs and crc32
import binascii

data = b"MicroPython\x00\xff"
h = binascii.hexlify(data)
print(h, binascii.unhexlify(h) == data, binascii.unhexlify(b"4142"))
b64 = binascii.b2a_base64(data)
print(b64, binascii.a2b_base64(b64) == data)
for n in range(4):
    print(binascii.b2a_base64(b"xyz"[:n]))
print(binascii.crc32(b"hello"), binascii.crc32(b"lo", binascii.crc32(b"hel")))
print(binascii.crc32(b""), hex(binascii.crc32(b"123456789")))
