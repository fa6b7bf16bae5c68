# escape sequences in str literals produce the same characters as literal text
print("\u00e9" == "é", "\u20ac" == "€", "\U0001f600" == "😀", "\xe9" == "é")
print(len("\u00e9\u20ac\U0001f600"), "\u2022" == "•")
print("tab\there", "new\\nline", "quote\"s")
print("caf\u00e9 costs 3\u20ac")
print("\x41\x42\x43", "\101\102", "\u0041")
