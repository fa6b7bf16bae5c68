# mpunit feature check: integers of at least 64 bits (prints 2**62).
print(1 << 31 << 31)
