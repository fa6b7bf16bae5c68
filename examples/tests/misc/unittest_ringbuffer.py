# unittest-based tests of a fixed-capacity ring buffer written in Python
import unittest


class Ring:
    def __init__(self, capacity):
        self.buf = [None] * capacity
        self.head = 0
        self.size = 0

    def push(self, item):
        cap = len(self.buf)
        self.buf[(self.head + self.size) % cap] = item
        if self.size == cap:
            self.head = (self.head + 1) % cap
        else:
            self.size += 1

    def items(self):
        cap = len(self.buf)
        return [self.buf[(self.head + i) % cap] for i in range(self.size)]


class TestRing(unittest.TestCase):
    def test_empty(self):
        self.assertEqual(Ring(3).items(), [])

    def test_fill_without_wrap(self):
        r = Ring(3)
        r.push(1)
        r.push(2)
        self.assertEqual(r.items(), [1, 2])

    def test_overwrite_oldest(self):
        r = Ring(3)
        for i in range(5):
            r.push(i)
        self.assertEqual(r.items(), [2, 3, 4])
        self.assertEqual(r.size, 3)

    def test_capacity_one(self):
        r = Ring(1)
        r.push("a")
        r.push("b")
        self.assertEqual(r.items(), ["b"])

    def test_push_from_another_thread(self):
        try:
            import _thread
        except ImportError:
            self.skipTest("no _thread")
        import time

        r = Ring(2)
        done = []

        def worker():
            r.push("t")
            done.append(True)

        _thread.start_new_thread(worker, ())
        for _ in range(500):
            if done:
                break
            time.sleep(0.01)
        self.assertEqual(r.items(), ["t"])


if __name__ == "__main__":
    unittest.main()
