# parsing floats from strings
for s in ("1.5", " -2.25 ", "1e3", "1E-2", ".5", "5.", "+0.125", "-0",
          "inf", "-inf", "Infinity", "nan", "1_000.5"):
    print(repr(s), float(s))
for bad in ("", "abc", "1.2.3", "1e", "--1"):
    try:
        float(bad)
        print("parsed", repr(bad))
    except ValueError:
        print("ValueError", repr(bad))
print(float("0.1") + float("0.2") == 0.30000000000000004)
print(float("123456789"), float("1e22"), float("1e-10"))
