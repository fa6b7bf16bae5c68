# encoding to and decoding from UTF-8
for s in ("ascii", "é", "€", "日本", "😀", "aé€😀"):
    b = s.encode("utf-8")
    print(s, len(s), len(b), b, b.decode("utf-8") == s)
print(bytes("Grüße", "utf-8"), str(b"\xc3\xa9t\xc3\xa9", "utf-8"))
print(b"\xe2\x82\xac".decode() == "\u20ac", "\u00e9" == "é", "\U0001F600" == "😀")
try:
    b"\xff\xfe".decode("utf-8")
    print("decoded")
except UnicodeError:
    print("UnicodeError")
