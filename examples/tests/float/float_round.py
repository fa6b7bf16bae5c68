# round(): ties go to the even neighbour; ndigits with exact binary values
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5))
print(round(2.4), round(2.6), round(-2.6), type(round(2.6)).__name__)
print(round(1.25, 1), round(1.375, 2), round(-0.125, 2))
print(round(1234.0, -2), round(1250.0, -2), round(1350.0, -2))
print(round(3.0, 0), round(7.75, 1))
print(int(2.9), int(-2.9), float(int(5.5)))
