# unittest-based checks of micropython-module features. One case skips
# itself with skipTest() when the build lacks the feature it exercises.
import unittest
import micropython
from micropython import const

_SIZE = const(4)


def locked(func):
    # Run func with the heap locked; report what happened as a constant
    # string so that nothing is allocated while the lock is held.
    micropython.heap_lock()
    try:
        func()
        result = "ok"
    except MemoryError:
        result = "MemoryError"
    micropython.heap_unlock()
    return result


class TestHeapLock(unittest.TestCase):
    def test_list_allocation_fails_when_locked(self):
        self.assertEqual(locked(lambda: [0] * _SIZE), "MemoryError")

    def test_allocation_works_after_unlock(self):
        locked(lambda: [0] * _SIZE)
        self.assertEqual(len([0] * _SIZE), _SIZE)

    def test_lock_depth(self):
        micropython.heap_lock()
        micropython.heap_lock()
        first = micropython.heap_unlock()
        second = micropython.heap_unlock()
        self.assertEqual((first, second), (1, 0))

    def test_emergency_exception_buffer(self):
        if not hasattr(micropython, "alloc_emergency_exception_buf"):
            self.skipTest("no alloc_emergency_exception_buf")
        self.assertIsNone(micropython.alloc_emergency_exception_buf(64))


class TestCompiler(unittest.TestCase):
    def test_const_is_folded(self):
        self.assertEqual(_SIZE * 2, 8)
        self.assertFalse("_SIZE" in globals())

    def test_opt_level_round_trip(self):
        saved = micropython.opt_level()
        try:
            micropython.opt_level(2)
            self.assertEqual(micropython.opt_level(), 2)
        finally:
            micropython.opt_level(saved)
        self.assertEqual(micropython.opt_level(), saved)


if __name__ == "__main__":
    unittest.main()
