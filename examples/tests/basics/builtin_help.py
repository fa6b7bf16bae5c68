# help() prints text that differs between ports and builds. run-tests.py
# knows this file by name (tests_with_regex_output): each line of
# builtin_help.py.exp is a pattern in which ()[]{}.*+^$ are literal unless
# escaped with a backslash, and a line that is exactly ######## matches
# any number of whole lines.
import micropython

help()
print("== function")
help(len)
print("== module")
help(micropython)
print("== attributes")
print("micropython has %d attributes" % len(dir(micropython)))
print("== modules")
help("modules")
print("== end")
