# mpunit feature check: template strings (PEP 750); a target without them
# fails to compile this file and prints a SyntaxError instead of "tstring".
value = 1
template = t"{value}"
print("tstring")
