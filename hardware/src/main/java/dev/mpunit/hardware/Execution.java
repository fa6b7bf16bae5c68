package dev.mpunit.hardware;

import java.time.Duration;
import java.util.Objects;

/**
 * What a target printed while running one script, and how the script ended.
 *
 * @param output stdout and stderr merged, raw bytes as the target wrote them (no newline normalisation)
 * @param ending how the run ended
 * @param duration wall time of the run on the target
 */
public record Execution(byte[] output, Ending ending, Duration duration) {

    public enum Ending {
        /** The script ran to its end (a Python exception printed as a traceback still counts). */
        COMPLETED,
        /** The interpreter itself failed: non-zero exit, abort, lost connection. */
        CRASHED,
        /** Stopped after the script's timeout. */
        TIMED_OUT
    }

    public Execution {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(duration, "duration");
    }
}
