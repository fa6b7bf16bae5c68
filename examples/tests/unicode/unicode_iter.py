# iterating, reversing and comparing non-ASCII strings (joined for printing:
# MicroPython's repr() escapes non-ASCII characters)
s = "h€llo wörld"
print(list(reversed(s)) == list(s)[::-1])
print("".join(reversed(s)))
print("".join(sorted(set("mississippi ñandú"))))
print(max("aé€"), min("ø😀z"))
print("".join(c for c in s if c != "€" and c != "ö"))
words = ["zebra", "äpfel", "apple", "ñu"]
print(" ".join(sorted(words)))
print(dict(zip("αβ", (1, 2)))["β"])
print(str("ä") == "ä", len(str("ä")))
