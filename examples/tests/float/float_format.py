# float formatting with % and str.format; values avoid exact ties at the
# printed precision, where rounding rules may differ between implementations

values = [0.0, 1.0, -2.5, 0.1, 0.3, 3.140625, 1234.5, 1e-3, 2.5e10]
for v in values:
    print("%.2f|%8.3f|%-8.1f|%+.1e" % (v, v, v, v))
for v in values:
    print("{:.3f} {:10.2f}| {:e} {:.2e}".format(v, v, v, v))
print("%g %g %g %g %g" % (0.5, 100.0, 1e-5, 123456.0, 1e20))
print("{:g} {:g} {:g}".format(2.0, 0.0001, 1.5e-7))
print("{:.0f} {:.0f} {:.1f}".format(2.0, 10.0, 0.05))
print("%5.1f%%" % 99.5, "{:>8.2f}|{:<8.2f}|{:^9.2f}|".format(1.5, 1.5, 1.5))
print(str(1.5), str(-0.0), str(100.0), str(1e16), str(1.5e-5))
print(repr(0.5), repr(2.0), float(3), 7 / 2, 1 / 4)
