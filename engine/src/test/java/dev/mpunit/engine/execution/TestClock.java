package dev.mpunit.engine.execution;

import java.time.Duration;

/** A clock that moves only when the code under test sleeps: time-outs of minutes take no time. */
final class TestClock implements MultitestSession.Clock {

    private long nanos = 1_000_000_000L;
    private long slept;

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public void sleep(Duration duration) {
        nanos += duration.toNanos();
        slept += duration.toNanos();
    }

    /** Everything slept so far. */
    Duration slept() {
        return Duration.ofNanos(slept);
    }
}
