# mpunit: imports the test, compiled to .mpy (the bytes in _mpunit_mpy above), from a filesystem of
# its own, as run-tests.py's --via-mpy does on boards. '' first on sys.path, as on a board, so that
# the import finds it on the unix port and in webassembly too.
import sys, io, os, vfs
class _MpunitMpyFile(io.IOBase):
    def __init__(self):
        self.off = 0
    def ioctl(self, request, arg):
        return 0
    def readinto(self, buf):
        n = min(len(buf), len(_mpunit_mpy) - self.off)
        buf[:n] = memoryview(_mpunit_mpy)[self.off:self.off + n]
        self.off += n
        return n
class _MpunitMpyFS:
    def mount(self, readonly, mkfs):
        pass
    def umount(self):
        pass
    def chdir(self, path):
        pass
    def getcwd(self):
        return ""
    def stat(self, path):
        if path == "__mpunit_test.mpy":
            return (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        raise OSError(2)
    def open(self, path, mode):
        self.stat(path)
        return _MpunitMpyFile()
vfs.mount(_MpunitMpyFS(), "/__mpunit")
os.chdir("/__mpunit")
if not sys.path or sys.path[0] != "":
    sys.path.insert(0, "")
__import__("__mpunit_test")
