# a unittest-based test: run-tests.py takes the verdict from unittest's
# summary ("Ran N tests" / "OK"), not from an expected-output file
import unittest


class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def peek(self):
        return self._items[-1] if self._items else None

    def __len__(self):
        return len(self._items)


class TestStack(unittest.TestCase):
    def setUp(self):
        self.stack = Stack()

    def test_starts_empty(self):
        self.assertEqual(len(self.stack), 0)
        self.assertIsNone(self.stack.peek())

    def test_push_then_pop_is_lifo(self):
        for x in (1, 2, 3):
            self.stack.push(x)
        self.assertEqual([self.stack.pop() for _ in range(3)], [3, 2, 1])

    def test_peek_does_not_remove(self):
        self.stack.push("a")
        self.assertEqual(self.stack.peek(), "a")
        self.assertEqual(len(self.stack), 1)

    def test_pop_empty_raises(self):
        with self.assertRaises(IndexError):
            self.stack.pop()

    def test_mixed_types(self):
        self.stack.push(None)
        self.stack.push((1, 2))
        self.assertTrue(len(self.stack) == 2)
        self.assertIn(1, self.stack.pop())
        self.assertFalse(self.stack.pop())


if __name__ == "__main__":
    unittest.main()
