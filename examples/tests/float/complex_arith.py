# complex numbers with exactly representable components
a = 1 + 2j
b = 3 - 4j
print(a, b, a + b, a - b, a * b)
print(a.real, a.imag, complex(b.real, -b.imag), abs(b))
print(complex(2, -1), complex(1), 2j * 2j, (1 + 1j) * (1 + 1j))
print((4 + 2j) / 2, (6 - 8j) / 2j, (3 + 4j) / (3 + 4j))
print(a == complex(1, 2), a != b, -a)
print((1j).imag, (0.5j).real, type(a).__name__)
