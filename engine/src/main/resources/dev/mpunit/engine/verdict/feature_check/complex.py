# mpunit feature check: is the complex type built in?
try:
    complex
except NameError:
    print("no")
else:
    print("complex")
