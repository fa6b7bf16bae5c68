# mpunit feature check: the const() compiler extension (prints "1").
ONE = const(1)
print(ONE)
