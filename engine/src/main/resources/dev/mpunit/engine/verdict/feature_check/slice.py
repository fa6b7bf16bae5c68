# mpunit feature check: is the slice type built in?
try:
    slice
except NameError:
    print("no")
else:
    print("slice")
