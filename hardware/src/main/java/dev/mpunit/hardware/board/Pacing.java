package dev.mpunit.hardware.board;

import java.time.Duration;
import java.util.Objects;

/**
 * How code is written to a board in plain raw REPL mode, where nothing tells the host to wait: at
 * most {@code chunkSize} bytes, then a {@code gap}. A board behind a slow or unbuffered UART drops
 * bytes that arrive faster than it reads them (upstream pyboard.py: 256 bytes, 10 ms).
 *
 * @param chunkSize bytes written at once, at least 1
 * @param gap pause after each chunk, zero for none
 */
public record Pacing(int chunkSize, Duration gap) {

    /** No pacing: everything in one write. For targets with flow control (a process's stdin). */
    public static final Pacing UNPACED = new Pacing(Integer.MAX_VALUE, Duration.ZERO);

    public Pacing {
        Objects.requireNonNull(gap, "gap");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1 byte, not " + chunkSize);
        }
        if (gap.isNegative()) {
            throw new IllegalArgumentException("gap must not be negative: " + gap);
        }
    }

    public static Pacing of(int chunkSize, Duration gap) {
        return new Pacing(chunkSize, gap);
    }

    /** A quarter of the data rate: half the chunk, twice the gap (at least 1 ms). Unpaced stays unpaced. */
    public Pacing slower() {
        if (equals(UNPACED)) {
            return this;
        }
        Duration twice = gap.multipliedBy(2);
        return new Pacing(Math.max(1, chunkSize / 2), twice.isZero() ? Duration.ofMillis(1) : twice);
    }

    @Override
    public String toString() {
        return this.equals(UNPACED) ? "unpaced" : chunkSize + " bytes every " + gap.toMillis() + " ms";
    }
}
