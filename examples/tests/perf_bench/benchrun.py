# mpunit's own harness for its example benchmarks (and the engine's benchmark fixtures),
# speaking run-perfbench.py's protocol: the benchmark defines bm_params {(n, m): param} and
# bm_setup(param) -> (run, result); the runner appends this file and a call bm_run(N, M). The
# largest key with n at most 1.2 N and m at most M is used; run() is timed;
# "<microseconds> <norm> <result>" is printed.
def bm_run(N, M):
    try:
        from time import ticks_us, ticks_diff
    except ImportError:
        from time import perf_counter

        def ticks_us():
            return int(perf_counter() * 1000000)

        def ticks_diff(end, start):
            return end - start

    chosen = None
    for key in sorted(bm_params):
        if key[0] * 10 <= N * 12 and key[1] <= M:
            chosen = key
    if chosen is None:
        print(-1, -1, "SKIP: no matching params")
        return
    run, result = bm_setup(bm_params[chosen])
    start = ticks_us()
    run()
    end = ticks_us()
    norm, out = result()
    print(ticks_diff(end, start), norm, out)
