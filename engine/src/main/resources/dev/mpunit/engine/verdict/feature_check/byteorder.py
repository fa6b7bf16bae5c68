# mpunit feature check: the target's byte order ("little" or "big").
import sys

print(sys.byteorder)
