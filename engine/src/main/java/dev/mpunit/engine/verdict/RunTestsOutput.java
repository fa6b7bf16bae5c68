package dev.mpunit.engine.verdict;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns what a target printed into the bytes run-tests.py compares: the crash
 * and timeout markers, newline normalisation, and the post-processing of
 * {@code run_micropython} (skip detection for special tests, regex rewriting).
 */
public final class RunTestsOutput {

    /** How a test run ended, as far as the output is concerned. */
    public enum Ending {
        /** Ran to its end; nothing is appended. */
        COMPLETED,
        /**
         * The interpreter reported failure: run-tests.py appends {@code CRASH}. This
         * includes a script ending in an uncaught exception: the unix and webassembly
         * ports exit non-zero, and over the raw REPL pyboard.py raises on the
         * traceback, after which run-tests.py appends {@code CRASH} too.
         */
        CRASHED,
        /** Killed after the test timeout: run-tests.py appends {@code TIMEOUT}. */
        TIMED_OUT
    }

    static final byte[] CRASH = Bytes.ascii("CRASH");
    static final byte[] TIMEOUT = Bytes.ascii("TIMEOUT");
    static final byte[] SKIP = Bytes.ascii("SKIP\n");
    static final byte[] SKIP_TOO_LARGE = Bytes.ascii("SKIP-TOO-LARGE\n");
    private static final byte[] NL_SKIP_NL = Bytes.ascii("\nSKIP\n");
    private static final byte[] CR_CR_LF = Bytes.ascii("\r\r\n");
    private static final byte[] CR_LF = Bytes.ascii("\r\n");
    private static final byte[] LF = Bytes.ascii("\n");

    private RunTestsOutput() {
    }

    /**
     * Upstream's {@code normalize_newlines}: {@code \r\r\n} (a pty adding its own
     * carriage return) then {@code \r\n} become {@code \n}; a lone {@code \r} is
     * content and stays.
     */
    public static byte[] normaliseTarget(byte[] raw) {
        return Bytes.replace(Bytes.replace(raw, CR_CR_LF, LF), CR_LF, LF);
    }

    /** Expected output ({@code .exp} or CPython): only {@code \r\n} becomes {@code \n}. */
    public static byte[] normaliseExpected(byte[] raw) {
        return Bytes.replace(raw, CR_LF, LF);
    }

    /**
     * The output as run-tests.py holds it after running a test on the unix or
     * webassembly port: the raw output, {@code CRASH} or {@code TIMEOUT} appended
     * (right after the last byte, no newline), then normalised.
     */
    public static byte[] asRunTests(byte[] rawOutput, Ending ending) {
        Objects.requireNonNull(ending, "ending");
        byte[] marked = switch (ending) {
            case COMPLETED -> rawOutput;
            case CRASHED -> Bytes.concat(rawOutput, CRASH);
            case TIMED_OUT -> Bytes.concat(rawOutput, TIMEOUT);
        };
        return normaliseTarget(marked);
    }

    /**
     * The tail of upstream's {@code run_micropython}, applied to the output from
     * {@link #asRunTests}: crashed runs and the bare skip markers are returned
     * as they are; a special test (the unix port's {@code cmdline/} tests) that
     * printed {@code SKIP} on a line of its own among other output becomes
     * {@code SKIP\n}; special tests and {@link RegexExpectation#FILES} get their
     * output rewritten against the {@code .exp} patterns.
     *
     * @param relPath the test's path relative to the tests root
     * @param normalisedOutput output after {@link #asRunTests}
     * @param hadCrash true when the run did not complete (crashed, timed out, or on a
     *        board: the output did not start with the {@code START TEST} marker)
     * @param special true only for {@code cmdline/} tests run by the local unix port
     * @param regexExp the {@code .exp} bytes (emitter-specific first), asked only
     *        when a rewrite is needed; upstream fails when there is none
     */
    public static byte[] afterRun(String relPath, byte[] normalisedOutput, boolean hadCrash, boolean special,
            Supplier<byte[]> regexExp) {
        if (hadCrash || Arrays.equals(normalisedOutput, SKIP) || Arrays.equals(normalisedOutput, SKIP_TOO_LARGE)
                || Arrays.equals(normalisedOutput, CRASH)) {
            return normalisedOutput;
        }
        if (special && Bytes.contains(normalisedOutput, NL_SKIP_NL)) {
            return SKIP.clone();
        }
        if (special || RegexExpectation.appliesTo(relPath)) {
            return RegexExpectation.rewrite(regexExp.get(), normalisedOutput);
        }
        return normalisedOutput;
    }
}
