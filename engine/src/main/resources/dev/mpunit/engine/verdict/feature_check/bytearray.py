# mpunit feature check: is the bytearray type built in?
try:
    bytearray
except NameError:
    print("no")
else:
    print("bytearray")
