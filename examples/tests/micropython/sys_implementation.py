# sys.implementation and sys.version on MicroPython (values that do not
# change from one release or port to the next)
import sys

impl = sys.implementation
print(impl.name)
print(type(impl.version) is tuple, len(impl.version) >= 3)
print(impl.version >= (1, 0, 0))
print("MicroPython" in sys.version)
print(sys.version_info[0])
print(isinstance(sys.platform, str), sys.byteorder in ("little", "big"))
