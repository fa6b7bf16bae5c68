# str methods on non-ASCII text. Left out, because MicroPython differs from
# CPython there: case conversion of non-ASCII letters, field widths with
# non-ASCII text, and repr() of non-ASCII str (lists are joined for printing).
s = "Ünïcödé strings, ñice ones"
print(" | ".join(s.split()), " | ".join(s.split(", ")))
print(s.replace("ñ", "n"), s.count("ö"), s.startswith("Ün"), s.endswith("ones"))
print("·".join(["α", "β", "γ"]), "→".join("abc"))
print("  ünï  ".strip() + "|", "€€x€€".strip("€"))
print(" ".join("a€b€c".split("€")), " ".join("a€b€c".rsplit("€", 1)))
print("é" * 3, "ü" + "ß", "é" < "ë", "".join(sorted("βαγ")))
print("{}|{}|{!s}|".format("ñ", "π", "ø"), "{0}{1}{0}".format("«", "x"))
print("%s=%d" % ("π", 3), "[%s]" % "ø")
