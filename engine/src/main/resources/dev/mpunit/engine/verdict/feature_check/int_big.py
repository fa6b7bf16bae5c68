# mpunit feature check: arbitrary-precision integers (a 46-digit literal).
print(999999999999999999999999999999999999999999999 + 1)
