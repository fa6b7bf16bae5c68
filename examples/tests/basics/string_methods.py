# the str methods every MicroPython build provides
s = "  Hello, MicroPython World  "
print(s.strip() + "|", s.lstrip() + "|", "|" + s.rstrip())
t = s.strip()
print(t.lower(), t.upper())
print(t.split(), t.split(", "), t.split("o", 1))
print("a,b,,c".split(","), "a b  c".rsplit(" ", 1))
print("-".join(["x", "y", "z"]), "".join([]))
print(t.find("o"), t.rfind("o"), t.find("zz"), t.index("World"))
print(t.replace("o", "0"), t.replace("o", "0", 1))
print(t.startswith("Hello"), t.endswith("World"), t.startswith("World", 19))
print(t.count("o"), "aaaa".count("aa"))
print("123".isdigit(), "12a".isdigit(), "abc".isalpha(), " \t".isspace())
print("Abc".isupper(), "ABC".isupper(), "abc".islower())
print("{} + {} = {}".format(1, 2, 3), "{1}{0}".format("a", "b"))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"))
print("%s has %d items (%05.1f%%)" % ("box", 3, 42.5))
print("ab" * 3, "ab" < "b", "abc"[1:])
try:
    "abc".index("d")
except ValueError:
    print("ValueError")
