# mpunit feature check: set literals (prints "{1}").
one = {2 - 1}
print(one)
