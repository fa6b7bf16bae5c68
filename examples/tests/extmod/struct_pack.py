# struct: explicit byte order so the result does not depend on the host
import struct

print(struct.calcsize("<BHI"), struct.calcsize("<q"), struct.calcsize(">hh"))
print(struct.pack("<BHI", 1, 0x0203, 0x04050607))
print(struct.pack(">BHI", 1, 0x0203, 0x04050607))
print(struct.pack("<h", -2), struct.pack(">i", -2), struct.pack("<Q", 1))
print(struct.unpack("<HH", b"\x01\x00\xff\xff"), struct.unpack(">I", b"\x00\x00\x01\x00"))
print(struct.unpack("<b", b"\x80"), struct.unpack("<B", b"\x80"))
print(struct.pack("<3s", b"abcdef"), struct.pack("<5s", b"ab"))
print(struct.unpack("<2sH", b"hi\x10\x00"))
print(struct.pack("<f", 1.5), struct.unpack("<d", struct.pack("<d", -0.125)))
buf = bytearray(8)
struct.pack_into("<HI", buf, 1, 0xABCD, 7)
print(buf, struct.unpack_from("<I", buf, 3))
