# mpunit feature check: f-strings (PEP 498), prints "a=1".
value = 1
print(f"a={value}")
