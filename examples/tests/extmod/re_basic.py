# re: the subset of regular expressions that MicroPython's re supports
import re

m = re.match(r"(\w+)@(\w+)\.com", "joe@example.com")
print(m.group(0), m.group(1), m.group(2))
print(re.match(r"\d+", "abc123"), re.search(r"\d+", "abc123").group(0))
print(re.search(r"^a.c$", "abc") is not None, re.search(r"^a.c$", "abcd"))
print(re.search(r"b+", "aabbbc").group(0), re.search(r"b+?", "aabbbc").group(0))
print(re.search(r"[A-Z][a-z]*", "hello World").group(0))
print(re.search(r"(a|b)c", "xbcx").group(1))
print(re.sub(r"\d+", "#", "a1b22c333"), re.sub(r"(\w)(\d)", r"\2\1", "a1 b2"))
splitter = re.compile(r"[,;]\s*")
print(splitter.split("one, two;three,  four"))
word = re.compile(r"\s*(\w+)")
pos = 0
text = "  alpha beta gamma"
words = []
while True:
    m = word.match(text[pos:])
    if not m:
        break
    words.append(m.group(1))
    pos += len(m.group(0))
print(words)
