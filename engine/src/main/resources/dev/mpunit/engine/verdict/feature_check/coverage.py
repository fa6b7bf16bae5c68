# mpunit feature check: is this the unix coverage build (extra_coverage)?
try:
    extra_coverage
except NameError:
    print("no")
else:
    print("coverage")
