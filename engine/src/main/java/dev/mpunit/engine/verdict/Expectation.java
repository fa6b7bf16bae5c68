package dev.mpunit.engine.verdict;

import java.io.IOException;

/**
 * The expected output of one test, or why there is none.
 *
 * @param bytes the expected output, newlines normalised ({@code \r\n} → {@code \n});
 *        null when {@code problem} is set
 * @param origin where it came from, for messages: the {@code .exp} file's
 *        relative path ({@code basics/x.py.exp}) or {@code CPython}
 * @param problem why no expected output could be computed (CPython timed out),
 *        null when there is one; the test then fails with this message
 */
public record Expectation(byte[] bytes, String origin, String problem) {

    /**
     * Supplies the expectation when the verdict needs it, so that CPython only
     * runs for tests that produced output to compare.
     */
    @FunctionalInterface
    public interface Source {
        /** @throws CPythonNotFoundException when CPython is needed and cannot be started */
        Expectation load() throws IOException;
    }

    public static Expectation of(byte[] normalisedBytes, String origin) {
        return new Expectation(normalisedBytes, origin, null);
    }

    public static Expectation failed(String problem, String origin) {
        return new Expectation(null, origin, problem);
    }
}
