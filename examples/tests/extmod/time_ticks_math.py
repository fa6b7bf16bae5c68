# time.ticks_* arithmetic is modular and only the differences are
# meaningful; these results do not depend on the current tick value
import time

t = time.ticks_ms()
print(time.ticks_diff(time.ticks_add(t, 100), t))
print(time.ticks_diff(t, time.ticks_add(t, 100)))
print(time.ticks_diff(time.ticks_add(t, -5), t))
u = time.ticks_us()
print(time.ticks_diff(time.ticks_add(u, 1000), u))
print(time.ticks_diff(time.ticks_add(0, -1), 0))
later = time.ticks_ms()
print(time.ticks_diff(later, t) >= 0)
