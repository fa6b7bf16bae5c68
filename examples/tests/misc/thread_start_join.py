# _thread is missing on webassembly, so this reports SKIP there; where it
# exists the output is compared with CPython's
try:
    import _thread
except ImportError:
    print("SKIP")
    raise SystemExit

N = 4
lock = _thread.allocate_lock()
done = _thread.allocate_lock()
results = []
remaining = [N]

done.acquire()


def worker(i):
    with lock:
        results.append(i * i)
        remaining[0] -= 1
        if remaining[0] == 0:
            done.release()


for i in range(N):
    _thread.start_new_thread(worker, (i,))

done.acquire()  # blocks until the last worker has finished
print(sorted(results))
