# word statistics over a small text
TEXT = """the quick brown fox jumps over the lazy dog
the dog barks and the fox runs
a quick end"""

lines = TEXT.split("\n")
words = TEXT.split()
print(len(lines), len(words), len(TEXT))
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
print(top)
print(max(words, key=lambda w: (len(w), w)))
print([len(line.split()) for line in lines])
print(" ".join(w.upper() if len(w) > 4 else w for w in lines[0].split()))
print(sorted(set(TEXT.replace("\n", " ").replace(" ", ""))))
