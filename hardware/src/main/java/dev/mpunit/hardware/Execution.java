package dev.mpunit.hardware;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a target printed while running one script, and how the script ended.
 *
 * @param output stdout and stderr merged, raw bytes as the target wrote them (no newline normalisation)
 * @param ending how the run ended
 * @param duration wall time of the run on the target
 * @param incidents what went wrong with the target on the way and what was done about it, in
 *     order (the board was lost and restarted, the code was sent again at a safer pacing); empty
 *     when nothing did. A result that came through such trouble must not look like a plain one.
 */
public record Execution(byte[] output, Ending ending, Duration duration, List<String> incidents) {

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
        incidents = List.copyOf(incidents);
    }

    /** A run that met no trouble on the way. */
    public Execution(byte[] output, Ending ending, Duration duration) {
        this(output, ending, duration, List.of());
    }
}
