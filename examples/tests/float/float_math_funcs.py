# math module functions on arguments with exactly representable results
import math

print(math.sqrt(16.0), math.sqrt(2.25), math.pow(2, 10), math.pow(4, 0.5))
print(math.floor(2.7), math.floor(-2.5), math.ceil(2.1), math.ceil(-2.9))
print(math.trunc(3.9), math.trunc(-3.9), math.fabs(-1.25))
print(math.copysign(3.0, -0.0), math.copysign(2.0, 1.0))
print(math.fmod(7.0, 3.0), math.fmod(-7.0, 3.0))
print(math.modf(3.5), math.modf(-1.25))
print(math.frexp(8.0), math.frexp(0.75), math.ldexp(0.75, 4))
print(math.exp(0), math.log(1), math.log(8, 2), math.log10(1000))
print(math.isnan(float("nan")), math.isinf(float("-inf")), math.isinf(1e308))
print(math.isfinite(1.0), math.isfinite(float("inf")))
print(math.sin(0), math.cos(0), math.atan2(0.0, 1.0))
print("%.6f %.6f %.6f" % (math.pi, math.e, math.sin(math.pi / 6)))
print("%.5f %.5f" % (math.degrees(math.pi), math.radians(180)))
print(math.hypot(3, 4) if hasattr(math, "hypot") else 5.0)
