package dev.mpunit.hardware.board;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * What running code in the raw REPL gave.
 *
 * @param stdout what the code printed (at most about 1 MiB; a note at the end tells how much was
 *     left out)
 * @param stderr the error text after the first {@code \x04}, usually a traceback; empty when none
 * @param ending how the run ended
 * @param duration from the start of sending the code to the ending
 */
public record Outcome(byte[] stdout, byte[] stderr, Ending ending, Duration duration) {

    public enum Ending {
        /** {@code \x04} stdout {@code \x04} stderr {@code \x04}, then the prompt {@code >}. */
        COMPLETED,
        /**
         * After the second {@code \x04} the board soft-reset by itself (SystemExit): {@code soft
         * reboot} and the raw REPL banner came instead of {@code >}. The board is back in the raw REPL.
         */
        SOFT_RESET,
        /**
         * The inactivity or the overall timeout passed; stdout and stderr hold what arrived. The
         * code may still run: {@link RawRepl#interrupt} or {@link RawRepl#enter} before the next exec.
         */
        TIMED_OUT,
        /**
         * A boot banner and the friendly prompt {@code >>> } appeared: the board restarted
         * (watchdog, machine.reset(), power glitch). It is in the friendly REPL now; a banner that
         * came before the end of the output is part of stdout or stderr.
         */
        REBOOTED
    }

    public Outcome {
        stdout = Objects.requireNonNull(stdout, "stdout").clone();
        stderr = Objects.requireNonNull(stderr, "stderr").clone();
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(duration, "duration");
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /** The stdout bytes as UTF-8 text (MicroPython prints UTF-8); broken sequences become U+FFFD. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** The stderr bytes as UTF-8 text. */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Outcome that
                && Arrays.equals(stdout, that.stdout)
                && Arrays.equals(stderr, that.stderr)
                && ending == that.ending
                && duration.equals(that.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(stdout), Arrays.hashCode(stderr), ending, duration);
    }

    @Override
    public String toString() {
        return "Outcome[" + ending + " after " + duration.toMillis() + " ms, stdout "
                + stdout.length + " bytes, stderr " + stderr.length + " bytes]";
    }
}
