# ord() and chr() across the UTF-8 length classes
for ch in ("A", "é", "ß", "€", "中", "😀"):
    print(ch, ord(ch), hex(ord(ch)), chr(ord(ch)) == ch)
print(chr(0x41), chr(0xE9), chr(0x20AC), chr(0x1F40D))
print("".join(chr(c) for c in range(0x3B1, 0x3B6)))
print([ord(c) for c in "aø€"])
try:
    chr(0x110000)
except ValueError:
    print("ValueError")
