# unittest with approximate float comparisons
import math
import unittest


def mean(values):
    return sum(values) / len(values)


def stddev(values):
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))


class TestStatistics(unittest.TestCase):
    def test_mean(self):
        self.assertEqual(mean([1, 2, 3, 4]), 2.5)

    def test_stddev(self):
        self.assertAlmostEqual(stddev([2, 4, 4, 4, 5, 5, 7, 9]), 2.0)

    def test_tenths_do_not_add_up_exactly(self):
        total = sum([0.1] * 10)
        self.assertNotEqual(total, 1.0)
        self.assertAlmostEqual(total, 1.0, places=9)

    def test_delta(self):
        self.assertAlmostEqual(math.pi, 3.14, delta=0.01)

    def test_trig_identity(self):
        for x in (0.0, 0.5, 1.0, 2.0):
            self.assertAlmostEqual(math.sin(x) ** 2 + math.cos(x) ** 2, 1.0)


if __name__ == "__main__":
    unittest.main()
