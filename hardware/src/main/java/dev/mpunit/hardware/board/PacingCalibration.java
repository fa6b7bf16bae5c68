package dev.mpunit.hardware.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Finds out how much faster than its safe pacing a board without raw-paste can take code: a probe
 * script carrying a string literal reports the length and checksum the board received; each step
 * up the ladder halves the gap between chunks and must come through intact every time. The chunk
 * never grows: a chunk larger than the board's receive buffer loses bytes however long the gaps
 * (seen on the emulated micro:bit at 64 bytes). The first damaged probe ends the climb.
 */
final class PacingCalibration {

    /** Steps above the safe pacing; each doubles the throughput. */
    static final int STEPS = 3;
    static final int PROBES_PER_STEP = 5;
    /** Large enough to span several chunks and a buffer reallocation, small enough for a 16 KB heap. */
    static final int PROBE_CHARACTERS = 1500;
    private static final Duration MIN_GAP = Duration.ofMillis(1);

    private PacingCalibration() {
    }

    /**
     * The fastest pacing that carried every probe intact, or {@code safe} when the board has
     * raw-paste (pacing is not used then) or the first step already failed.
     */
    static Pacing fastest(RawRepl repl, Pacing safe, Duration timeout) throws IOException {
        if (safe.equals(Pacing.UNPACED)) {
            return safe;
        }
        Random random = new Random(0x6d70756eL);
        Pacing proven = safe;
        for (Pacing candidate : ladder(safe)) {
            for (int probe = 0; probe < PROBES_PER_STEP; probe++) {
                if (!carriesIntact(repl, candidate, random, timeout)) {
                    repl.pacing(proven);
                    return proven;
                }
                if (repl.rawPasteSupported().orElse(false)) {
                    // Flow-controlled: the board paces itself, nothing to calibrate.
                    repl.pacing(safe);
                    return safe;
                }
            }
            proven = candidate;
        }
        repl.pacing(proven);
        return proven;
    }

    /** Halve the gap while it stays at a millisecond or more. */
    static List<Pacing> ladder(Pacing safe) {
        List<Pacing> steps = new ArrayList<>();
        Pacing step = safe;
        for (int i = 0; i < STEPS && step.gap().compareTo(MIN_GAP.multipliedBy(2)) >= 0; i++) {
            step = Pacing.of(step.chunkSize(), step.gap().dividedBy(2));
            steps.add(step);
        }
        return steps;
    }

    private static boolean carriesIntact(RawRepl repl, Pacing candidate, Random random, Duration timeout)
            throws IOException {
        String text = randomText(random);
        long sum = text.chars().sum();
        byte[] code = ("s='" + text + "'\nprint(len(s), sum(ord(c) for c in s))\n")
                .getBytes(StandardCharsets.US_ASCII);
        repl.softReset(timeout);
        repl.pacing(candidate);
        Outcome outcome;
        try {
            outcome = repl.exec(code, new Timeouts(timeout, timeout, timeout.multipliedBy(2)), bytes -> {
            });
        } catch (RawReplException e) {
            repl.enter(timeout);
            return false;
        }
        if (outcome.ending() != Outcome.Ending.COMPLETED) {
            if (outcome.ending() == Outcome.Ending.TIMED_OUT && repl.interrupt(timeout).isEmpty()) {
                throw new RawReplException(repl.link().name(), "an answer to Ctrl-C while the pacing was measured",
                        outcome.stdout());
            }
            repl.enter(timeout);
            return false;
        }
        String expected = text.length() + " " + sum + "\r\n";
        return outcome.stderr().length == 0
                && new String(outcome.stdout(), StandardCharsets.US_ASCII).equals(expected);
    }

    private static String randomText(Random random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 +-*/=()[]{}<>.,:;!?#";
        StringBuilder text = new StringBuilder(PROBE_CHARACTERS);
        for (int i = 0; i < PROBE_CHARACTERS; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
