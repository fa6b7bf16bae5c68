# _thread is missing on webassembly, so this reports SKIP there; where it
# exists the output is compared with CPython's
try:
    import _thread
except ImportError:
    print("SKIP")
    raise SystemExit

import time

N = 4
lock = _thread.allocate_lock()
results = []
remaining = [N]


def worker(i):
    with lock:
        results.append(i * i)
        remaining[0] -= 1


for i in range(N):
    _thread.start_new_thread(worker, (i,))

# wait for the workers by polling: a lock is only ever released by the
# thread that acquired it, which every port supports
while True:
    with lock:
        if remaining[0] == 0:
            break
    time.sleep(0.01)
print(sorted(results))
