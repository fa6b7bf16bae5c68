# str indexes count characters, not UTF-8 bytes. Lists of non-ASCII str are
# printed with join(): MicroPython's repr() escapes non-ASCII characters.
s = "añb€c😀d"
print(len(s), len(s.encode()))
print(s[1], s[3], s[5], s[-1], s[-2])
print(s[1:4], s[4:], s[:-2])
print("/".join([c for c in s]))
print(s.find("€"), s.find("😀"), s.index("d"), s.rfind("a"))
print("€" in s, "é" in s)
for i, ch in enumerate("øüß"):
    print(i, ch, len(ch.encode()))
