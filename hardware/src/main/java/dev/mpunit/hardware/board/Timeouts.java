package dev.mpunit.hardware.board;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link RawRepl#exec} waits.
 *
 * @param accept the longest wait for the board to take the code: the {@code OK} after it in plain
 *     mode; in raw-paste mode the answer to the request, each window grant and the final ack
 * @param inactivity the longest silence while following the code's output
 * @param overall the longest the whole exec may take, from its start (sending included)
 */
public record Timeouts(Duration accept, Duration inactivity, Duration overall) {

    public Timeouts {
        requirePositive(accept, "accept");
        requirePositive(inactivity, "inactivity");
        requirePositive(overall, "overall");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " timeout must be positive: " + duration);
        }
    }
}
